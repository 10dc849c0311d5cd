/** The parts of a category that decide whether its listings need a quick exit. */
export interface CategoryFlags {
  sensitive: boolean;
  parent?: string;
}

/**
 * Whether a page should offer a quick exit: the listing is marked sensitive, or one of its
 * categories, or that category's parent, is. A category page passes its own id as its only category.
 */
export function isSensitive(
  listing: { sensitive?: boolean; categories: readonly string[] },
  categories: ReadonlyMap<string, CategoryFlags>,
): boolean {
  if (listing.sensitive) return true;
  return listing.categories.some((id) => {
    const category = categories.get(id);
    if (!category) return false;
    return category.sensitive || (category.parent !== undefined && categories.get(category.parent)?.sensitive === true);
  });
}
