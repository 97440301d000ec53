CREATE TABLE `poster_settings` (
	`show_id` integer PRIMARY KEY NOT NULL,
	`design` text NOT NULL,
	`qr_target` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`show_id`) REFERENCES `shows`(`id`) ON UPDATE no action ON DELETE cascade
);
