CREATE TABLE "interview_codebook_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"study_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"note" text NOT NULL,
	"codes" jsonb NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "interview_codes" ADD COLUMN "color" text;--> statement-breakpoint
ALTER TABLE "interview_codebook_versions" ADD CONSTRAINT "interview_codebook_versions_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_codebook_versions" ADD CONSTRAINT "interview_codebook_versions_study_id_interview_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."interview_studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_codebook_versions" ADD CONSTRAINT "interview_codebook_versions_published_by_people_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "interview_codebook_versions_unique" ON "interview_codebook_versions" USING btree ("study_id","version");