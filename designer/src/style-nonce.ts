/**
 * @module designer/style-nonce
 * Gives the page's CSP nonce to every `<style>` element scripts create. antd's CSS-in-JS takes
 * the nonce from ConfigProvider, but some helpers under it do not: @rc-component/util's scrollbar
 * measure (run by every antd Table) injects a nonce-less `<style>`, which the strict policy
 * blocks and reports. Stamping the nonce at `document.createElement("style")` covers such helpers
 * without loosening the policy: only our own scripts create elements, and they could read the
 * nonce from the page anyway; `<style>` in injected markup stays blocked.
 */

/** Makes `document.createElement("style")` return elements that carry `nonce`. */
export function stampStyleNonce(nonce: string): void {
  const create = document.createElement.bind(document) as (
    tag: string,
    options?: ElementCreationOptions,
  ) => HTMLElement;
  document.createElement = ((tag: string, options?: ElementCreationOptions) => {
    const element = create(tag, options);
    if (element instanceof HTMLStyleElement && !element.nonce) element.nonce = nonce;
    return element;
  }) as typeof document.createElement;
}
