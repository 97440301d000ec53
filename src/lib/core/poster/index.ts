/** Preheat posters (宣传预热): content, deadline, layouts, SVG. Pure; see each module. */
export * from './content';
export { posterLayout, textBlocks, linePositions, personBadge, PAGE, PHONE_PIXELS, type PosterLayout, type PosterElement, type TextElement, type Box } from './layout';
export { renderPosterSvg, FONT_STACKS } from './svg';
export { qrMatrix, qrSvg, qrSpan, QR_LEVEL, QR_MIN_PRINT_MM, QR_QUIET_ZONE } from './qr';

import type { PosterContent, PosterDesign, PosterFormat } from './content';
import { posterLayout } from './layout';
import { renderPosterSvg, type SvgOptions } from './svg';

/** The poster of `content` in one design and format, as an SVG document. */
export function renderPoster(content: PosterContent, design: PosterDesign, format: PosterFormat, options: SvgOptions = {}): string {
	return renderPosterSvg(posterLayout(content, design, format), options);
}
export { publicPhase, splitCountdown, type PublicPhase } from './countdown';
