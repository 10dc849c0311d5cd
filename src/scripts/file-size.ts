/**
 * Checks a chosen file's size before the form is sent: a file over the limit gets the inline error
 * the server would give (on its question, under an error summary that takes focus), without the wait
 * of uploading it first. Without JavaScript the server says the same. Each file input to check carries
 * `data-max-bytes`, `data-too-large` (the message), `data-error-title` and `data-error-prefix`.
 */
import { ErrorSummary } from 'govuk-frontend';

for (const form of document.querySelectorAll<HTMLFormElement>('form')) {
  const inputs = [...form.querySelectorAll<HTMLInputElement>('input[type="file"][data-max-bytes]')];
  if (inputs.length > 0) form.addEventListener('submit', (event) => checkSizes(event, inputs));
}

function checkSizes(event: SubmitEvent, inputs: HTMLInputElement[]): void {
  const tooLarge = inputs.filter((input) => [...(input.files ?? [])].some((file) => file.size > Number(input.dataset.maxBytes)));
  if (tooLarge.length === 0) return;
  event.preventDefault();
  for (const input of tooLarge) showError(input);
  showSummary(event.currentTarget as HTMLFormElement, tooLarge);
}

/** The GOV.UK error message on the file's question, as the server draws it. */
function showError(input: HTMLInputElement): void {
  const id = `${input.id}-error`;
  let message = document.getElementById(id);
  if (!message) {
    message = document.createElement('p');
    message.className = 'govuk-error-message';
    message.id = id;
    input.before(message);
    const described = new Set((input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
    input.setAttribute('aria-describedby', [...described, id].join(' '));
  }
  const prefix = document.createElement('span');
  prefix.className = 'govuk-visually-hidden';
  prefix.textContent = `${input.dataset.errorPrefix}: `;
  message.replaceChildren(prefix, input.dataset.tooLarge ?? '');
  input.classList.add('govuk-file-upload--error');
  input.closest('.govuk-form-group')?.classList.add('govuk-form-group--error');
}

/** A GOV.UK error summary in place of any there was, focused (GOV.UK Frontend's ErrorSummary does that). */
function showSummary(form: HTMLFormElement, inputs: HTMLInputElement[]): void {
  document.querySelector('.govuk-error-summary')?.remove();
  const summary = document.createElement('div');
  summary.className = 'govuk-error-summary';
  summary.dataset.module = 'govuk-error-summary';
  const alert = document.createElement('div');
  alert.setAttribute('role', 'alert');
  const title = document.createElement('h2');
  title.className = 'govuk-error-summary__title';
  title.textContent = inputs[0]!.dataset.errorTitle ?? '';
  const body = document.createElement('div');
  body.className = 'govuk-error-summary__body';
  const list = document.createElement('ul');
  list.className = 'govuk-list govuk-error-summary__list';
  for (const input of inputs) {
    const link = document.createElement('a');
    link.href = `#${input.id}`;
    link.textContent = input.dataset.tooLarge ?? '';
    const item = document.createElement('li');
    item.append(link);
    list.append(item);
  }
  body.append(list);
  alert.append(title, body);
  summary.append(alert);
  // Where the server puts it: first in the form's column.
  (form.closest('.govuk-grid-column-two-thirds') ?? form).prepend(summary);
  const prefix = `${inputs[0]!.dataset.errorPrefix}: `;
  if (!document.title.startsWith(prefix)) document.title = `${prefix}${document.title}`;
  new ErrorSummary(summary);
}
