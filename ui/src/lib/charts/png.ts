// Chart export plumbing: file names, SVG sizing, data URLs and base64, and the one browser step
// that draws an SVG into a canvas to make a PNG.

/** A file name for a chart: `power-curve` + `2026-11-10` → "power-curve-2026-11-10". */
export function chartFileName(kind: string, date: string): string {
  const slug = `${kind}-${date}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug || "chart";
}

/**
 * Gives the root `<svg>` explicit `width`/`height` (replacing any), so an `Image` made from it has
 * the chart's size rather than a default one.
 */
export function withSize(svg: string, width: number, height: number): string {
  return svg.replace(/<svg\b([^>]*)>/, (_match, attrs: string) => {
    const rest = attrs.replace(/\s(width|height)\s*=\s*("[^"]*"|'[^']*')/g, "");
    return `<svg${rest} width="${width}" height="${height}">`;
  });
}

/** An SVG as a data URL an `Image` can load. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** The base64 payload of a PNG data URL ("data:image/png;base64,…"); throws for anything else. */
export function pngBase64(dataUrl: string): string {
  const prefix = "data:image/png;base64,";
  if (!dataUrl.startsWith(prefix) || dataUrl.length === prefix.length) {
    throw new Error("The chart could not be drawn as a PNG.");
  }
  return dataUrl.slice(prefix.length);
}

/** The canvas size for a chart drawn at `scale`, in whole pixels (at least 1). */
export function canvasSize(width: number, height: number, scale: number): { width: number; height: number } {
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/** Draws `svg` into a canvas at `scale`× on `background`, and returns the PNG as base64. */
export async function svgToPngBase64(
  svg: string,
  width: number,
  height: number,
  background: string,
  scale = 2,
): Promise<string> {
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error("The chart could not be drawn as a PNG."));
  });
  image.src = svgDataUrl(withSize(svg, width, height));
  await loaded;
  const size = canvasSize(width, height, scale);
  const canvas = document.createElement("canvas");
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("The chart could not be drawn as a PNG.");
  context.fillStyle = background;
  context.fillRect(0, 0, size.width, size.height);
  context.drawImage(image, 0, 0, size.width, size.height);
  return pngBase64(canvas.toDataURL("image/png"));
}
