import { describe, expect, it } from 'vitest';
import { checkboxItems } from '../../src/components/filter-checkboxes';

describe('a filter\'s boxes to tick', () => {
  it('writes a GOV.UK checkbox for each value, with its count, ticked when chosen', () => {
    const html = checkboxItems('area', [['Chatteris', 22], ['March', 3]], (value) => value === 'March', 'browse-');
    expect(html).toBe(
      '<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="browse-area-0" name="area" type="checkbox" value="Chatteris">'
      + '<label class="govuk-label govuk-checkboxes__label" for="browse-area-0">Chatteris (22)</label></div>'
      + '<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="browse-area-1" name="area" type="checkbox" value="March" checked>'
      + '<label class="govuk-label govuk-checkboxes__label" for="browse-area-1">March (3)</label></div>',
    );
  });

  it('leaves the count out where none is known', () => {
    expect(checkboxItems('when', [['Open now', undefined]], () => false)).toContain('>Open now</label>');
  });

  it('escapes every value, so a term from content cannot break the page', () => {
    const html = checkboxItems('category', [['Arts & "crafts" <b>', 4]], () => false);
    expect(html).toContain('value="Arts &amp; &quot;crafts&quot; &lt;b&gt;"');
    expect(html).toContain('>Arts &amp; &quot;crafts&quot; &lt;b&gt; (4)</label>');
    expect(html).not.toContain('<b>');
  });
});
