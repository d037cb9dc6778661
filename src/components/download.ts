/** Saves text as a file the browser downloads: a Blob behind an object URL and a transient <a download>. */
export function downloadText(fileName: string, text: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; revoke once the browser has read the URL.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
