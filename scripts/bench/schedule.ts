/**
 * The order in which `npm run bench` measures its targets side by side: blocks of `blockSize`
 * commands, a round being one block of each target, until each has `commands` (the last block
 * shorter when `blockSize` does not divide it). Round after round the order goes through every
 * permutation of the targets, the first round in the given order: each target is first as often
 * as the others, and each directly follows each other one as often, so none always runs just
 * after the same one.
 */
export function blockSchedule<T>(targets: readonly T[], commands: number, blockSize: number): { target: T; commands: number }[] {
	if (!Number.isInteger(commands) || commands < 1 || !Number.isInteger(blockSize) || blockSize < 1) throw new Error('commands and blockSize must be whole numbers, 1 or more');
	const orders = permutations(targets);
	const blocks: { target: T; commands: number }[] = [];
	for (let round = 0, done = 0; done < commands; round++, done += blockSize) {
		for (const target of orders[round % orders.length]) blocks.push({ target, commands: Math.min(blockSize, commands - done) });
	}
	return blocks;
}

/** Every order of `items`, lexicographic by position (the first is `items` as given). */
function permutations<T>(items: readonly T[]): T[][] {
	if (items.length <= 1) return [[...items]];
	return items.flatMap((first, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [first, ...rest]));
}
