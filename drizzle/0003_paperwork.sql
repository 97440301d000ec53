CREATE TABLE `import_previews` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` integer NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`preview` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_previews_account_idx` ON `import_previews` (`account_id`);--> statement-breakpoint
CREATE INDEX `import_previews_expires_idx` ON `import_previews` (`expires_at`);--> statement-breakpoint
CREATE TABLE `show_sales` (
	`show_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`orders` integer NOT NULL,
	`units` integer NOT NULL,
	`gmv_fen` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`show_id`) REFERENCES `shows`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `show_sales_show_product_idx` ON `show_sales` (`show_id`,`product_id`);--> statement-breakpoint
CREATE TABLE `training_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_code` text NOT NULL,
	`title` text NOT NULL,
	`starts_at` integer NOT NULL,
	`place` text NOT NULL,
	`trainer` text NOT NULL,
	`attendees` integer NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_sessions_unit_idx` ON `training_sessions` (`unit_code`);