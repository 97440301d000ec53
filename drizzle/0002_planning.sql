ALTER TABLE `people` ADD `ambassador_nominated_at` integer;--> statement-breakpoint
ALTER TABLE `people` ADD `ambassador_nominated_by` text;