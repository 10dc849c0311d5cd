/**
 * In `astro dev` (and so under `npm run cms`) one entry that breaks its schema must not take the dev
 * server down: Astro stops at the first such entry while it starts, so a draft the CMS checked out, or a
 * published mistake, would keep the local CMS from opening at all, the only place an editor can put it
 * right. Each such entry is left out, with the schema's message in the terminal, until it is fixed; an
 * entry broken while the server runs keeps its last good version. The build and `npm run check` still
 * refuse it (src/integrations/content-check.ts).
 */
import type { Loader, LoaderContext } from 'astro/loaders';

type ParseData = LoaderContext['parseData'];

export function leavingOutBrokenEntries(loader: Loader): Loader {
  return {
    ...loader,
    load: (context) => {
      const refused = new Set<string>();
      const parseData: ParseData = async (props) => {
        try {
          const data = await context.parseData(props);
          refused.delete(props.id);
          return data;
        } catch (error) {
          refused.add(props.id);
          const where = props.filePath ?? props.id;
          context.logger.error(`${where} is left out until it is put right: ${(error instanceof Error ? error.message : String(error)).replaceAll('**', '')}`);
          return props.data;
        }
      };
      // The loader stores what parseData returned; a refused entry's raw data must not reach the pages.
      const store = new Proxy(context.store, {
        get(target, key) {
          if (key === 'set') return (entry: Parameters<typeof target.set>[0]) => (refused.has(entry.id) ? false : target.set(entry));
          const value = Reflect.get(target, key, target) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      return loader.load({ ...context, parseData, store });
    },
  };
}
