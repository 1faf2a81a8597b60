ALTER TABLE "assessment_links" ADD COLUMN "emailed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "assessment_links" ADD COLUMN "opened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "assessment_links" ADD COLUMN "reminded_at" timestamp with time zone;