/**
 * The producer console's state over one show's LiveShowState: every control as a method (the same
 * one behind the button and the key), the confirmations (going live, ending, jumping, resetting a
 * rehearsal), the inputs (time, stock, message) with their issues, the run-sheet rows, the cue
 * checklist and the refusals as short toasts. Components render it and call its methods.
 */
import { alertHolds, isLiveMoveCommand, plannedSaleStage, type LiveCommandInput } from '../core/live';
import type { LiveAlertEvent } from '../contract/live';
import type { Segment } from '../core/model';
import {
	alertTone,
	checkMessage,
	cueRows,
	decideConsoleKey,
	focusKind,
	MESSAGE_PRESETS,
	parseAdjustment,
	parseStockInput,
	resolveAdvance,
	scheduleStanding,
	unacknowledged,
	type FocusTarget,
	type KeyPress,
	type MessageIssue,
	type ProducerKeyAction,
	type StockIssue
} from '../core/screens';
import type { AlertSound } from './alert-sound.svelte';
import type { LiveShowState } from './live-show.svelte';
import { Toasts } from './toasts.svelte';

export type StartMode = 'live' | 'rehearsal';

/** A question the console is asking before it acts. */
export type ConsoleDialog =
	| { kind: 'start'; suggested: StartMode }
	| { kind: 'go-live' }
	| { kind: 'end' }
	| { kind: 'reset' }
	| { kind: 'goto'; segment: Segment }
	/** J: pick the segment to jump to (then the goto question). */
	| { kind: 'jump' };

/** Within this long of the announced start (or after it), space suggests going live rather than rehearsing. */
export const SUGGEST_LIVE_WITHIN_MS = 60 * 60_000;
/** How long a new alert stays highlighted at the top of the console, ms. */
export const ALERT_FLASH_MS = 8_000;

/** A command as the console sends it (the connection adds the version for moves). */
type Command = LiveCommandInput;

export interface ProducerConsoleOptions {
	sound?: AlertSound;
	toasts?: Toasts;
	/** Moves the keyboard focus: into the message box (M), or back to the console (Esc, after sending). */
	focus?: (where: 'message' | 'console') => void;
	/** A preset's text in the producer's language (sent as typed). */
	presetText?: (preset: (typeof MESSAGE_PRESETS)[number]) => string;
}

export class ProducerConsole {
	readonly toasts: Toasts;
	readonly sound: AlertSound | null;

	#dialog = $state.raw<ConsoleDialog | null>(null);
	/** The stock figure sent by ↑ ↓ and not yet confirmed. */
	#stockAhead: { productId: number; stock: number } | null = null;
	/** The ? overlay listing every key. */
	helpOpen = $state(false);
	/** The figures drawer (D): the recorder's panel inside the console. */
	figuresOpen = $state(false);
	readonly #focus: (where: 'message' | 'console') => void;
	readonly #presetText: (preset: (typeof MESSAGE_PRESETS)[number]) => string;
	#moving = $state<Command['type'] | null>(null);
	#flash = $state.raw<{ alert: LiveAlertEvent; until: number } | null>(null);

	/** The "any amount" time field, its issue. */
	adjustDraft = $state('');
	adjustIssue = $state<'invalid' | null>(null);
	/** The live-stock field, its issue. */
	stockDraft = $state('');
	stockIssue = $state<StockIssue | null>(null);
	/** The message box, its issue. */
	messageDraft = $state('');
	messageIssue = $state<MessageIssue | null>(null);

	constructor(
		readonly live: LiveShowState,
		options: ProducerConsoleOptions = {}
	) {
		this.toasts = options.toasts ?? new Toasts();
		this.sound = options.sound ?? null;
		this.#focus = options.focus ?? (() => {});
		this.#presetText = options.presetText ?? ((preset) => preset);
	}

	/**
	 * Listens for new alerts (highlight and chime), and for a command reported 未生效 whose answer
	 * came late after all (it did take effect: said so); returns the function that stops.
	 */
	start(): () => void {
		const stops = [
			this.live.connection.on('alert', (alert) => {
				this.#flash = { alert, until: this.live.serverNow() + ALERT_FLASH_MS };
				this.sound?.play(alertTone(alert.kind));
			}),
			this.live.connection.on('lateAck', () => this.toasts.push({ tone: 'info', key: 'live.lateAck', fallback: 'The command answered late after all: it did take effect' }))
		];
		return () => stops.forEach((stop) => stop());
	}

	get dialog() {
		return this.#dialog;
	}
	/** The move command waiting for the server, if any. */
	get moving() {
		return this.#moving;
	}
	/** The newest alert while it is fresh and still true of the live state (shown large above the feed). */
	get flash(): LiveAlertEvent | null {
		const f = this.#flash;
		return f && this.live.now < f.until && this.#holds(f.alert) ? f.alert : null;
	}
	/** The newest alert still true of the live state (a sale that runs or ran is never "about to start"). */
	get latestAlert(): LiveAlertEvent | null {
		return this.live.alerts.findLast((a) => this.#holds(a)) ?? null;
	}
	#holds(alert: LiveAlertEvent): boolean {
		const snapshot = this.live.snapshot;
		return !snapshot || alertHolds(alert, snapshot, this.live.segment, this.live.now);
	}

	/** Can send at all (online, a producer link). */
	readonly online = $derived.by(() => this.live.status === 'online' && !this.live.readOnly);
	/** Where the show is (LiveShowState.showStatus). */
	get status() {
		return this.live.showStatus;
	}
	get running() {
		return this.live.running;
	}
	readonly segments = $derived.by(() => this.live.sheet?.segments ?? []);
	readonly segmentIndex = $derived.by(() => this.live.timing?.segmentIndex ?? -1);
	readonly isFirst = $derived.by(() => this.segmentIndex <= 0);
	readonly isLast = $derived.by(() => this.segmentIndex >= 0 && this.segmentIndex === this.segments.length - 1);

	get rows() {
		return this.live.rows;
	}
	readonly standing = $derived.by(() =>
		this.running || this.status === 'ended' ? scheduleStanding(this.live.timing?.driftMs ?? null) : null
	);
	readonly cues = $derived.by(() => {
		const segment = this.live.segment;
		if (!segment) return [];
		return cueRows(segment.cues, this.live.snapshot?.cuesDone ?? [], this.running ? (this.live.timing?.elapsedMs ?? 0) : null);
	});
	readonly hostScreens = $derived.by(() => (this.live.presence ?? []).filter((s) => s.role === 'host'));
	readonly messages = $derived.by(() => [...(this.live.snapshot?.messages ?? [])].reverse());
	readonly unacknowledgedCount = $derived.by(() => unacknowledged(this.live.snapshot?.messages ?? []).length);

	/** The flash sale planned in the segment on air, and the open one (this segment's or another's). */
	readonly flashSalePlan = $derived.by(() => this.live.segment?.flashSale ?? null);
	readonly flashSaleOpen = $derived.by(() => !!this.live.timing?.flashSale?.active);
	/** ms until the planned sale's start on the segment clock (negative once past); null without a plan, off air, or once it ran. */
	readonly flashSaleDueInMs = $derived.by(() => {
		const plan = this.flashSalePlan;
		const timing = this.live.timing;
		const snapshot = this.live.snapshot;
		if (!plan || !timing || !snapshot || plannedSaleStage(snapshot, this.live.segment, this.live.now) !== 'upcoming') return null;
		return plan.offsetSec * 1000 - timing.elapsedMs;
	});

	// ------------------------------------------------------------------------------------------
	// Keys

	/**
	 * The window's keydown, by the one rule of `decideConsoleKey`: Esc returns to the console, a
	 * text field keeps its keys, a focused control keeps Space and Enter, other console keys run.
	 */
	keydown(event: KeyPress & { target?: EventTarget | null; preventDefault(): void }, focused?: FocusTarget | null): boolean {
		const decision = this.#decide(event, focused);
		if (decision.kind === 'escape') {
			this.helpOpen = false;
			this.figuresOpen = false;
			this.#dialog = null;
			this.#focus('console');
			return true;
		}
		if (decision.kind === 'pass') return false;
		event.preventDefault();
		void this.perform(decision.action, decision.preset);
		return true;
	}

	/** The matching keyup, so a focused control is not "clicked" by a key the console took. */
	keyup(event: KeyPress & { target?: EventTarget | null; preventDefault(): void }, focused?: FocusTarget | null) {
		if (this.#decide({ ...event, repeat: false }, focused).kind === 'action') event.preventDefault();
	}

	#decide(event: KeyPress & { target?: EventTarget | null }, focused?: FocusTarget | null) {
		const kinds = [focusKind(focused), focusKind(event.target as FocusTarget | null)];
		const focus = kinds.includes('text') ? 'text' : kinds.includes('control') ? 'control' : 'console';
		return decideConsoleKey(event, { focus, dialog: this.#dialog !== null, help: this.helpOpen });
	}

	perform(action: ProducerKeyAction, preset?: number): Promise<boolean> {
		switch (action) {
			case 'advance':
				return this.advance();
			case 'toggle-pause':
				return this.togglePause();
			case 'previous':
				return this.previous();
			case 'next':
				return this.next();
			case 'add-minute':
				return this.addTime(60_000);
			case 'take-minute':
				return this.addTime(-60_000);
			case 'jump':
				return Promise.resolve(this.askJump());
			case 'flash-sale':
				return this.toggleFlashSale();
			case 'stock-up':
				return this.nudgeStock(1);
			case 'stock-down':
				return this.nudgeStock(-1);
			case 'focus-message':
				this.#focus('message');
				return Promise.resolve(true);
			case 'send-preset':
				return this.sendPreset(preset ?? 0);
			case 'figures':
				this.figuresOpen = !this.figuresOpen;
				return Promise.resolve(true);
			case 'help':
				this.helpOpen = !this.helpOpen;
				return Promise.resolve(true);
		}
	}

	// ------------------------------------------------------------------------------------------
	// Controls

	/** Space: start (asks how), next, or on the last segment ask to end. */
	advance(): Promise<boolean> {
		const step = resolveAdvance(this.status, this.segmentIndex, this.segments.length);
		if (step === 'ask-start') return Promise.resolve(this.askStart());
		if (step === 'ask-end') return Promise.resolve(this.askEnd());
		if (step === 'next') return this.next();
		return Promise.resolve(false);
	}

	next() {
		if (this.isLast) return Promise.resolve(this.askEnd());
		return this.#run({ type: 'next' });
	}

	previous() {
		return this.#run({ type: 'previous' });
	}

	togglePause() {
		return this.#run({ type: this.status === 'paused' ? 'resume' : 'pause' });
	}

	/** Adds (+) or takes (−) time from the segment on air, ms. */
	addTime(deltaMs: number) {
		return this.#run({ type: 'add-time', deltaMs });
	}

	/** The "any amount" field: `sign` forces + or − (the two buttons); Enter keeps the typed sign. */
	async submitAdjust(sign?: 1 | -1): Promise<boolean> {
		const parsed = parseAdjustment(this.adjustDraft);
		if (parsed === null) {
			this.adjustIssue = 'invalid';
			return false;
		}
		this.adjustIssue = null;
		const ok = await this.addTime(sign ? sign * Math.abs(parsed) : parsed);
		if (ok) this.adjustDraft = '';
		return ok;
	}

	askStart(): boolean {
		if (this.status !== 'ready') return false;
		const startsAt = this.live.sheet?.startsAt ?? Infinity;
		this.#dialog = { kind: 'start', suggested: this.live.now >= startsAt - SUGGEST_LIVE_WITHIN_MS ? 'live' : 'rehearsal' };
		return true;
	}
	askGoLive(): boolean {
		if (this.status !== 'ready') return false;
		this.#dialog = { kind: 'go-live' };
		return true;
	}
	askEnd(): boolean {
		if (!this.running) return false;
		this.#dialog = { kind: 'end' };
		return true;
	}
	askReset(): boolean {
		if (this.live.snapshot?.mode !== 'rehearsal') return false;
		this.#dialog = { kind: 'reset' };
		return true;
	}
	/** Clicking a segment of the run-sheet: asks before jumping there. */
	askGoto(segmentId: string): boolean {
		const segment = this.segments.find((s) => s.id === segmentId);
		if (!segment || !this.running || segment.id === this.live.snapshot?.segmentId) return false;
		this.#dialog = { kind: 'goto', segment };
		return true;
	}
	/** J: the list of segments to jump to (while the show runs). */
	askJump(): boolean {
		if (!this.running) return false;
		this.#dialog = { kind: 'jump' };
		return true;
	}
	closeDialog() {
		this.#dialog = null;
	}

	/** The confirmed answer to the open dialog (`mode` for the start question). */
	async confirm(mode?: StartMode): Promise<boolean> {
		const dialog = this.#dialog;
		if (!dialog) return false;
		this.#dialog = null;
		switch (dialog.kind) {
			case 'start':
				return this.#run({ type: 'start', mode: mode ?? dialog.suggested });
			case 'go-live':
				return this.#run({ type: 'start', mode: 'live' });
			case 'end':
				return this.#run({ type: 'end' });
			case 'reset':
				return this.#run({ type: 'reset' });
			case 'goto':
				return this.#run({ type: 'goto', segmentId: dialog.segment.id });
			case 'jump':
				return false;
		}
	}

	/** A rehearsal starts without a question (nothing goes on air). */
	startRehearsal() {
		return this.#run({ type: 'start', mode: 'rehearsal' });
	}

	startFlashSale() {
		return this.#run({ type: 'flash-sale-start' });
	}
	stopFlashSale() {
		return this.#run({ type: 'flash-sale-stop' });
	}
	/** F: stops the open sale, or starts the one planned in the segment on air. */
	toggleFlashSale() {
		if (this.flashSaleOpen) return this.stopFlashSale();
		if (this.flashSalePlan && this.running) return this.startFlashSale();
		return Promise.resolve(false);
	}

	/** ↑ ↓: one more or one fewer in the live stock of the product on air (from the figure shown). */
	async nudgeStock(delta: number): Promise<boolean> {
		const product = this.live.product;
		const shown = product ? (product.slotStock.live ?? product.slotStock.planned) : null;
		if (!product || shown === null) return false;
		// Quick presses count from the figure still on its way, not the one on screen.
		const ahead = this.#stockAhead?.productId === product.id ? this.#stockAhead.stock : shown;
		const mine = { productId: product.id, stock: Math.max(0, ahead + delta) };
		this.#stockAhead = mine;
		try {
			return await this.#run({ type: 'set-stock', ...mine });
		} finally {
			if (this.#stockAhead === mine) this.#stockAhead = null;
		}
	}

	/** Sets the live stock of the product on air from the stock field. */
	async submitStock(): Promise<boolean> {
		const product = this.live.product;
		if (!product) return false;
		// "+20" and "-5" count from the figure the screen shows (live, else planned).
		const parsed = parseStockInput(this.stockDraft, product.slotStock.live ?? product.slotStock.planned);
		if (!parsed.ok) {
			this.stockIssue = parsed.issue;
			return false;
		}
		this.stockIssue = null;
		const ok = await this.#run({ type: 'set-stock', productId: product.id, stock: parsed.stock });
		if (ok) this.stockDraft = '';
		return ok;
	}

	toggleCue(cueId: string, done: boolean) {
		return this.#run({ type: 'cue-done', cueId, done });
	}

	/** Sends a message to the hosts: a preset's text, or (without `text`) the message box. */
	async sendMessage(text?: string): Promise<boolean> {
		const fromBox = text === undefined;
		const checked = checkMessage(text ?? this.messageDraft);
		if (!checked.ok) {
			if (fromBox) this.messageIssue = checked.issue;
			return false;
		}
		this.messageIssue = null;
		// Sent from the box: the keys are the console's again straight away.
		if (fromBox) this.#focus('console');
		const ok = await this.#run({ type: 'message', text: checked.text });
		if (ok && fromBox) this.messageDraft = '';
		return ok;
	}

	/** 1–6: sends the preset of that number (1 is the first). */
	sendPreset(n: number): Promise<boolean> {
		const preset = MESSAGE_PRESETS[n - 1];
		return preset ? this.sendMessage(this.#presetText(preset)) : Promise.resolve(false);
	}

	async #run(command: Command): Promise<boolean> {
		const move = isLiveMoveCommand(command.type);
		// A second press while the first is on its way is the same intent: it is not sent twice.
		if (move && this.#moving) return false;
		if (move) this.#moving = command.type;
		try {
			const result = await this.live.send(command);
			if (!result.ok) this.toasts.push({ tone: 'error', key: `live.error.${result.code}`, fallback: result.message });
			return result.ok;
		} finally {
			if (move) this.#moving = null;
		}
	}
}
