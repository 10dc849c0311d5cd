/**
 * The print and share buttons of src/components/PrintAndShare.astro, shown only here because they
 * need JavaScript: print opens the browser's print dialogue; share opens the device's share sheet
 * (the Web Share API) where there is one, or else copies the page's address.
 */
for (const block of document.querySelectorAll<HTMLElement>('[data-share]')) {
  const print = block.querySelector<HTMLButtonElement>('[data-share-print]');
  const share = block.querySelector<HTMLButtonElement>('[data-share-button]');
  const status = block.querySelector<HTMLElement>('[data-share-status]');
  if (print) {
    print.hidden = false;
    print.addEventListener('click', () => window.print());
  }
  const { title = '', url = '', textCopy = '', textCopied = '', textCopyFailed = '' } = share?.dataset ?? {};
  const canShare = typeof navigator.share === 'function' && (navigator.canShare?.({ title, url }) ?? true);
  const canCopy = typeof navigator.clipboard?.writeText === 'function';
  if (share && (canShare || canCopy)) {
    if (!canShare) share.textContent = textCopy;
    share.hidden = false;
    share.addEventListener('click', async () => {
      if (canShare) {
        // Closing the share sheet rejects; there is nothing to say then.
        await navigator.share({ title, url }).catch(() => undefined);
        return;
      }
      const copied = await navigator.clipboard.writeText(url).then(() => true, () => false);
      if (status) status.textContent = copied ? textCopied : textCopyFailed;
    });
  }
}
