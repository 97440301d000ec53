-- A command writes one row (its event, which carries the state it produced) and its index entry:
-- no live_states row, no sqlite_sequence row (live_events.id is a plain row id, not AUTOINCREMENT).
-- A show's live state is now its newest command's. Every live_states row was written with its
-- command's event, so the newest event already carries it; one newer than any logged command (a
-- database edited by hand) is folded in as an event of type 'restored' first. Runs inside the
-- migrator's transaction, foreign keys on: every row copied has its show and run.
INSERT INTO `live_events` (`show_id`, `run_id`, `kind`, `type`, `version`, `payload`, `state`, `actor`, `at`)
SELECT s.`show_id`, s.`run_id`, 'command', 'restored', s.`version`, '{"type":"restored"}', s.`state`, 'system', s.`updated_at`
FROM `live_states` s
WHERE NOT EXISTS (SELECT 1 FROM `live_events` e WHERE e.`show_id` = s.`show_id` AND e.`version` >= s.`version`);--> statement-breakpoint
DROP TABLE `live_states`;--> statement-breakpoint
CREATE TABLE `__new_live_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`show_id` integer NOT NULL,
	`run_id` integer,
	`kind` text NOT NULL,
	`type` text NOT NULL,
	`version` integer,
	`payload` text DEFAULT '{}' NOT NULL,
	`state` text,
	`actor` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`show_id`) REFERENCES `shows`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`run_id`) REFERENCES `live_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_live_events`("id", "show_id", "run_id", "kind", "type", "version", "payload", "state", "actor", "at") SELECT "id", "show_id", "run_id", "kind", "type", "version", "payload", "state", "actor", "at" FROM `live_events`;--> statement-breakpoint
DROP TABLE `live_events`;--> statement-breakpoint
ALTER TABLE `__new_live_events` RENAME TO `live_events`;--> statement-breakpoint
CREATE UNIQUE INDEX `live_events_version_idx` ON `live_events` (`show_id`,`version`);
