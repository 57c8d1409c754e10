/** SVG to PNG with resvg (prebuilt native binaries): the report embeds pictures every Word version shows. */
import { Resvg } from '@resvg/resvg-js';

export interface Png {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Renders at twice the SVG's size so the picture stays sharp when printed at text width. Text uses
 * the system's fonts: Times New Roman where installed, else DejaVu Serif, which has the Vietnamese
 * letters (Debian's Liberation Serif lacks "ế", "ạ", … and resvg's fallback then drops the bold).
 * The PNG bytes therefore depend on the fonts of the machine that builds them.
 */
export function svgToPng(svg: string, scale = 2): Png {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Serif', serifFamily: 'DejaVu Serif' },
  });
  const image = resvg.render();
  return { data: image.asPng(), width: image.width, height: image.height };
}
