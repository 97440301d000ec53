/** Fitting text into a fixed box: the largest font size at which it fits, found by bisection. */

export interface FitResult {
	/** px */
	size: number;
	/** False when even `min` overflows (the box then scrolls). */
	fits: boolean;
}

/**
 * The largest whole size in [min, max] (px) for which `fits(size)` holds, assuming fitting only
 * gets easier as the size shrinks; `{ size: min, fits: false }` when nothing fits.
 */
export function fitFontSize(fits: (size: number) => boolean, min: number, max: number): FitResult {
	let lo = Math.ceil(min);
	let hi = Math.floor(max);
	if (hi < lo) hi = lo;
	if (fits(hi)) return { size: hi, fits: true };
	if (!fits(lo)) return { size: lo, fits: false };
	// Invariant: fits(lo) and !fits(hi).
	while (hi - lo > 1) {
		const mid = Math.floor((lo + hi) / 2);
		if (fits(mid)) lo = mid;
		else hi = mid;
	}
	return { size: lo, fits: true };
}
