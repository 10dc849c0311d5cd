/**
 * A filter's boxes to tick, as GOV.UK checkbox markup in one string. The search page sends up to
 * about 120 of them with every answer; written as Astro elements, each attribute and label rendered on
 * its own, they were the largest part of the page's cost to render (docs/benchmarks.md), so they are
 * put together here, every value escaped.
 */
import { escape } from 'html-escaper';

/** `options` are [value, count]; a count is left out where none is known (e.g. "open now" on a built page). */
export function checkboxItems(name: string, options: [string, number | undefined][], isChosen: (value: string) => boolean, idPrefix = ''): string {
  return options.map(([value, count], index) => {
    const id = escape(`${idPrefix}${name}-${index}`);
    const label = count === undefined ? value : `${value} (${count})`;
    return `<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="${id}" name="${escape(name)}" type="checkbox" value="${escape(value)}"${isChosen(value) ? ' checked' : ''}>`
      + `<label class="govuk-label govuk-checkboxes__label" for="${id}">${escape(label)}</label></div>`;
  }).join('');
}
