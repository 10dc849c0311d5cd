// govuk-frontend ships no type declarations; these cover the parts the site uses.
declare module 'govuk-frontend' {
  type ComponentClass = new (element: Element) => unknown;
  export function createAll(component: ComponentClass, config?: object, scope?: Element): unknown[];
  export const ServiceNavigation: ComponentClass;
  export const SkipLink: ComponentClass;
  export const ErrorSummary: new (element: Element, config?: { disableAutoFocus?: boolean }) => unknown;
  export const CharacterCount: ComponentClass;
  export const NotificationBanner: ComponentClass;
  export class ExitThisPage {
    constructor(root: Element);
    /** Leaves the page; called by the Shift-three-times shortcut. */
    exitPage(): void;
  }
}
