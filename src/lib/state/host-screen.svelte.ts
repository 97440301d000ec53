/**
 * The host's cue cards over one show's LiveShowState: the product card, the cues meant for hosts,
 * the producer's messages waiting for a tap, the flash sale on screen, the alert banner and its
 * chime, and the connection as a host needs to read it ("last heard 12 s ago").
 */
import type { LiveAlertEvent } from '../contract/live';
import { alertHolds, flashSaleOpen, plannedSaleStage, saleSettledCueIds } from '../core/live';
import { alertForHosts, alertTone, hostCueRows, hostProductView, linkNumbers, showPlatforms, unacknowledged } from '../core/screens';
import type { AlertSound } from './alert-sound.svelte';
import type { LiveShowState } from './live-show.svelte';
import { forgetHostToken, rememberHostToken } from './screen-links';

/** How long an alert stays on the host's banner, ms. */
export const HOST_ALERT_MS = 10_000;
/** How long "connection restored" shows after a drop, ms. */
export const RESTORED_MS = 4_000;

export interface HostScreenOptions {
	/** The link's token: remembered once the server accepts it, forgotten if refused. */
	token?: string;
	sound?: AlertSound;
}

export class HostScreen {
	readonly sound: AlertSound | null;
	readonly #token: string | null;
	#banner = $state.raw<{ alert: LiveAlertEvent; until: number } | null>(null);
	#acking = $state(false);
	#wasOffline = false;
	#restoredUntil = $state(0);
	#seenMessages = new Set<string>();
	#primed = false;

	constructor(
		readonly live: LiveShowState,
		options: HostScreenOptions = {}
	) {
		this.sound = options.sound ?? null;
		this.#token = options.token ?? null;
	}

	/** Listens for alerts, messages and the connection; returns the function that stops. */
	start(): () => void {
		const c = this.live.connection;
		const offs = [
			c.on('alert', (alert) => {
				if (!alertForHosts(alert.kind)) return;
				this.#banner = { alert, until: this.live.serverNow() + HOST_ALERT_MS };
				this.sound?.play(alertTone(alert.kind));
			}),
			c.on('welcome', () => {
				if (this.#token) rememberHostToken(this.#token);
			}),
			c.on('snapshot', (snapshot) => {
				// Messages already there when the screen opened do not chime; new ones do.
				const fresh = snapshot.messages.filter((m) => !this.#seenMessages.has(m.id));
				for (const m of fresh) this.#seenMessages.add(m.id);
				if (this.#primed && fresh.some((m) => m.ackedAt === null)) this.sound?.play('message');
				this.#primed = true;
			}),
			c.on('stalled', (stalled) => {
				if (stalled) this.#wasOffline = this.#wasOffline || this.#primed;
				else if (this.#wasOffline && this.live.status === 'online') {
					this.#wasOffline = false;
					this.#restoredUntil = this.live.serverNow() + RESTORED_MS;
				}
			}),
			c.on('status', (status, error) => {
				if (status === 'reconnecting' || status === 'connecting') this.#wasOffline = this.#wasOffline || this.#primed;
				if (status === 'online' && this.#wasOffline) {
					this.#wasOffline = false;
					this.#restoredUntil = this.live.serverNow() + RESTORED_MS;
				}
				if ((status === 'refused' && error?.code === 'INVALID_TOKEN') || (status === 'revoked' && this.#token)) {
					if (this.#token) forgetHostToken(this.#token);
				}
			})
		];
		return () => offs.forEach((off) => off());
	}

	/** Where the show is (LiveShowState.showStatus). */
	get status() {
		return this.live.showStatus;
	}
	get running() {
		return this.live.running;
	}
	readonly rehearsal = $derived.by(() => this.live.snapshot?.mode === 'rehearsal');

	/** Messages no host has acknowledged yet, oldest first: they cover the screen until tapped. */
	readonly pendingMessages = $derived.by(() => unacknowledged(this.live.snapshot?.messages ?? []));
	get acking() {
		return this.#acking;
	}

	/**
	 * Whether the flash sale is open at `now`: a boolean, so the card below is not derived again on
	 * every tick, only when the sale opens or closes.
	 */
	readonly saleOpen: boolean = $derived.by(() => flashSaleOpen(this.live.snapshot?.flashSale ?? null, this.live.now));

	/** The product on air as the card shows it. */
	readonly product = $derived.by(() => {
		const segment = this.live.segment;
		const product = this.live.product;
		const sheet = this.live.sheet;
		const snapshot = this.live.snapshot;
		if (!segment || !product || !sheet || !snapshot) return null;
		return hostProductView(segment, product, {
			stock: snapshot.stock,
			platforms: showPlatforms(sheet.platforms),
			openSale: this.saleOpen ? snapshot.flashSale : null
		});
	});

	/** Where the sale planned in the segment on air stands (upcoming, running, ended), from the live state. */
	readonly saleStage = $derived.by(() => {
		const snapshot = this.live.snapshot;
		return snapshot ? plannedSaleStage(snapshot, this.live.segment, this.live.now) : 'none';
	});

	/** The cues of the segment on air marked for hosts; those the sale's start settled count as done. */
	readonly cues = $derived.by(() => {
		const segment = this.live.segment;
		if (!segment) return [];
		const done = [...(this.live.snapshot?.cuesDone ?? []), ...saleSettledCueIds(segment, this.saleStage)];
		return hostCueRows(segment.cues, done, this.running ? (this.live.timing?.elapsedMs ?? 0) : null);
	});

	/** The open flash sale (any segment's), with its countdown; null when none is open. */
	readonly flashSale = $derived.by(() => {
		const sale = this.live.snapshot?.flashSale;
		const timing = this.live.timing?.flashSale;
		if (!sale || !timing?.active) return null;
		const segment = this.live.sheet?.segments.find((s) => s.id === sale.segmentId) ?? null;
		const sheetProduct = segment?.productId ? this.live.sheet?.products.find((p) => p.id === segment.productId) : undefined;
		return {
			...sale,
			remainingMs: timing.remainingMs,
			productName: sheetProduct?.name ?? segment?.title ?? '',
			rules: segment?.flashSale?.rules ?? '',
			links: segment ? linkNumbers(segment, showPlatforms(this.live.sheet?.platforms ?? [])) : [],
			stock: sheetProduct ? (this.live.snapshot?.stock[String(sheetProduct.id)] ?? null) : null
		};
	});

	/** The alert on the banner while it is fresh and still true of the live state (no 秒杀 60 秒后开始 once it runs). */
	get banner(): LiveAlertEvent | null {
		const b = this.#banner;
		const snapshot = this.live.snapshot;
		if (!b || this.live.now >= b.until || !snapshot) return null;
		return alertHolds(b.alert, snapshot, this.live.segment, this.live.now) ? b.alert : null;
	}

	/** True for a few seconds after the connection came back. */
	get restored(): boolean {
		return this.live.status === 'online' && this.live.now < this.#restoredUntil;
	}

	/** Offline: the link dropped; the countdown keeps running from the last state. */
	readonly offline = $derived.by(() => this.live.status === 'reconnecting' || (this.live.status === 'connecting' && this.live.snapshot !== null) || this.live.stalled);

	/** The tap on a message: acknowledges every message on screen. */
	async acknowledge(): Promise<boolean> {
		const pending = this.pendingMessages;
		if (!pending.length || this.#acking) return false;
		this.#acking = true;
		try {
			let ok = true;
			for (const message of pending) {
				const result = await this.live.send({ type: 'message-ack', messageId: message.id });
				// Another host screen may have tapped first: that is acknowledged too.
				if (!result.ok && result.code !== 'ALREADY_ACKED') ok = false;
			}
			return ok;
		} finally {
			this.#acking = false;
		}
	}
}
