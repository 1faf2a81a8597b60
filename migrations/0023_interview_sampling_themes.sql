CREATE TABLE "interview_sample_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"sample_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"cell" text NOT NULL,
	"values" jsonb NOT NULL,
	"excluded_because" text,
	"is_proposed" boolean NOT NULL,
	"state" text,
	"decline_reason" text,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "interview_samples" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"study_id" uuid NOT NULL,
	"criteria" jsonb NOT NULL,
	"cells" jsonb NOT NULL,
	"excluded" jsonb NOT NULL,
	"drawn_at" timestamp with time zone NOT NULL,
	"drawn_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interview_themes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"study_id" uuid NOT NULL,
	"name" text NOT NULL,
	"summary" text NOT NULL,
	"code_ids" jsonb NOT NULL,
	"exemplar_coding_ids" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "interview_transcripts" ADD COLUMN "participant_id" uuid;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD CONSTRAINT "interview_sample_members_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD CONSTRAINT "interview_sample_members_sample_id_interview_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."interview_samples"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD CONSTRAINT "interview_sample_members_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_samples" ADD CONSTRAINT "interview_samples_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_samples" ADD CONSTRAINT "interview_samples_study_id_interview_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."interview_studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_samples" ADD CONSTRAINT "interview_samples_drawn_by_people_id_fk" FOREIGN KEY ("drawn_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_themes" ADD CONSTRAINT "interview_themes_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_themes" ADD CONSTRAINT "interview_themes_study_id_interview_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."interview_studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_themes" ADD CONSTRAINT "interview_themes_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "interview_sample_members_unique" ON "interview_sample_members" USING btree ("sample_id","participant_id");--> statement-breakpoint
CREATE INDEX "interview_samples_study_idx" ON "interview_samples" USING btree ("study_id");--> statement-breakpoint
CREATE INDEX "interview_themes_study_idx" ON "interview_themes" USING btree ("study_id");--> statement-breakpoint
ALTER TABLE "interview_transcripts" ADD CONSTRAINT "interview_transcripts_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;