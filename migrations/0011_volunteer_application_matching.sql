ALTER TABLE "volunteer_applications" ADD COLUMN "birth_year" integer;--> statement-breakpoint
ALTER TABLE "volunteer_applications" ADD COLUMN "town" text;--> statement-breakpoint
ALTER TABLE "volunteer_applications" ADD COLUMN "languages" jsonb DEFAULT '[]'::jsonb NOT NULL;