CREATE TABLE `figure_checkpoints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`show_id` integer NOT NULL,
	`run_id` integer NOT NULL,
	`platform` text NOT NULL,
	`at` integer NOT NULL,
	`segment_id` text,
	`source` text NOT NULL,
	`figures` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`show_id`) REFERENCES `shows`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`run_id`) REFERENCES `live_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `figure_checkpoints_show_idx` ON `figure_checkpoints` (`show_id`,`run_id`,`at`);--> statement-breakpoint
CREATE TABLE `figure_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`checkpoint_id` integer NOT NULL,
	`show_id` integer NOT NULL,
	`action` text NOT NULL,
	`version` integer NOT NULL,
	`before` text,
	`after` text,
	`actor` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`checkpoint_id`) REFERENCES `figure_checkpoints`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`show_id`) REFERENCES `shows`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `figure_log_checkpoint_idx` ON `figure_log` (`checkpoint_id`);--> statement-breakpoint
CREATE TABLE `figure_settings` (
	`show_id` integer PRIMARY KEY NOT NULL,
	`settings` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`show_id`) REFERENCES `shows`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `shows` ADD `recorder_token` text;--> statement-breakpoint
UPDATE `shows` SET `recorder_token` = lower(hex(randomblob(24))) WHERE `recorder_token` IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `shows_recorder_token_unique` ON `shows` (`recorder_token`);