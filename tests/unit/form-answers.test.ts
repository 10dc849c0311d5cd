import { describe, expect, it } from 'vitest';
import { controlCharacterErrors, fieldsOf, maxLengthOf, readAnswers } from '../../src/forms/answers';
import { translator } from '../../src/i18n';
import { enquirySchema } from '../../src/schemas/forms/enquiry';

const t = translator('en');
const schema = enquirySchema(t, ['small-sparks']);

function posted(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

describe('answers with control characters', () => {
  const form = posted({ name: 'Sam\u0000 Example', email: 'sam@example.org', question: 'Line one\r\nLine\u0007 two\ttabbed\u009b' });

  it('are kept without them, with tabs and line breaks left alone', () => {
    expect(fieldsOf(form, schema)).toMatchObject({ name: 'Sam Example', question: 'Line one\r\nLine two\ttabbed' });
  });

  it('get a problem on each field that had them, so the person checks what is left', () => {
    expect(controlCharacterErrors(form, schema).map((error) => error.field)).toEqual(['name', 'question']);
    const read = readAnswers(schema, fieldsOf(form, schema), undefined, controlCharacterErrors(form, schema));
    expect(read.ok).toBe(false);
  });

  it('leave an ordinary answer alone', () => {
    expect(controlCharacterErrors(posted({ name: 'Siân O’Brien', question: 'Café — 5 €?\n' }), schema)).toEqual([]);
  });
});

describe('the character limit of an answer', () => {
  it('comes from the schema, through optional and transformed fields', () => {
    expect(maxLengthOf(schema, 'question')).toBe(3000);
    expect(maxLengthOf(schema, 'email')).toBe(254);
    expect(maxLengthOf(schema, 'fund')).toBeUndefined();
    expect(maxLengthOf(schema, 'no-such-field')).toBeUndefined();
  });
});
