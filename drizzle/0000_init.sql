CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`unit_code` text NOT NULL,
	`role` text NOT NULL,
	`display_name` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`disabled_at` integer,
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_username_unique` ON `accounts` (`username`);--> statement-breakpoint
CREATE TABLE `live_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
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
CREATE INDEX `live_events_show_idx` ON `live_events` (`show_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `live_events_version_idx` ON `live_events` (`show_id`,`version`);--> statement-breakpoint
CREATE TABLE `live_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`show_id` integer NOT NULL,
	`mode` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`show_id`) REFERENCES `shows`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `live_runs_show_idx` ON `live_runs` (`show_id`);--> statement-breakpoint
CREATE TABLE `live_states` (
	`show_id` integer PRIMARY KEY NOT NULL,
	`run_id` integer,
	`version` integer NOT NULL,
	`state` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`show_id`) REFERENCES `shows`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_code` text NOT NULL,
	`name` text NOT NULL,
	`gender` text DEFAULT '' NOT NULL,
	`ethnicity` text DEFAULT '' NOT NULL,
	`birth_month` text DEFAULT '' NOT NULL,
	`political_status` text DEFAULT '' NOT NULL,
	`position` text DEFAULT '' NOT NULL,
	`contact` text DEFAULT '' NOT NULL,
	`platforms` text DEFAULT '[]' NOT NULL,
	`intro` text DEFAULT '' NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`unit_opinion` text DEFAULT '' NOT NULL,
	`ambassador` text DEFAULT 'none' NOT NULL,
	`ambassador_awarded_at` integer,
	`ambassador_awarded_by` text,
	`archived_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `people_unit_idx` ON `people` (`unit_code`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_code` text NOT NULL,
	`shop_name` text NOT NULL,
	`shop_platform` text DEFAULT '' NOT NULL,
	`name` text NOT NULL,
	`origin` text DEFAULT '' NOT NULL,
	`spec` text DEFAULT '' NOT NULL,
	`daily_price_fen` integer NOT NULL,
	`lowest_price_fen` integer,
	`live_price_fen` integer NOT NULL,
	`price_note` text DEFAULT '' NOT NULL,
	`coupon_rule` text DEFAULT '' NOT NULL,
	`selling_points` text DEFAULT '' NOT NULL,
	`stock` integer,
	`product_url` text,
	`platform_event` text DEFAULT '' NOT NULL,
	`contact_name` text DEFAULT '' NOT NULL,
	`contact_phone` text DEFAULT '' NOT NULL,
	`category` text NOT NULL,
	`shelf_life_days` integer,
	`quality_cert` text DEFAULT '' NOT NULL,
	`catalogues` text DEFAULT '[]' NOT NULL,
	`status` text DEFAULT 'candidate' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `products_unit_idx` ON `products` (`unit_code`);--> statement-breakpoint
CREATE INDEX `products_shop_name_idx` ON `products` (`shop_name`,`name`);--> statement-breakpoint
CREATE TABLE `segments` (
	`id` text PRIMARY KEY NOT NULL,
	`show_id` integer NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`duration_sec` integer NOT NULL,
	`script` text DEFAULT '' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`speakers` text DEFAULT '[]' NOT NULL,
	`product_id` integer,
	`live_price_fen` integer,
	`coupon_rule` text DEFAULT '' NOT NULL,
	`stock` integer,
	`link_numbers` text DEFAULT '{}' NOT NULL,
	`flash_sale` text,
	`cues` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`show_id`) REFERENCES `shows`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `segments_show_position_idx` ON `segments` (`show_id`,`position`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_account_idx` ON `sessions` (`account_id`);--> statement-breakpoint
CREATE TABLE `shows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`unit_code` text NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`location` text DEFAULT '' NOT NULL,
	`starts_at` integer NOT NULL,
	`planned_duration_min` integer NOT NULL,
	`platforms` text NOT NULL,
	`host_ids` text DEFAULT '[]' NOT NULL,
	`guest_ids` text DEFAULT '[]' NOT NULL,
	`executing_party` text DEFAULT '' NOT NULL,
	`sales_channel` text DEFAULT '' NOT NULL,
	`commission` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`reported_at` integer,
	`reported_by` text,
	`approved_at` integer,
	`approved_by` text,
	`poster_published_at` integer,
	`producer_token` text NOT NULL,
	`host_token` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shows_slug_unique` ON `shows` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `shows_producer_token_unique` ON `shows` (`producer_token`);--> statement-breakpoint
CREATE UNIQUE INDEX `shows_host_token_unique` ON `shows` (`host_token`);--> statement-breakpoint
CREATE INDEX `shows_unit_idx` ON `shows` (`unit_code`);--> statement-breakpoint
CREATE INDEX `shows_starts_idx` ON `shows` (`starts_at`);--> statement-breakpoint
CREATE TABLE `units` (
	`code` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`sort` integer NOT NULL
);
