-- Interview studies (issue #13, ADR 0032): studies, versioned guides, transcripts (the de-identified
-- copy; the original only while pending or when the study keeps originals), codes, codings, memos.
CREATE TABLE "interview_studies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"title" text NOT NULL,
	"aims" text NOT NULL,
	"audiences" jsonb NOT NULL,
	"target_count" integer NOT NULL,
	"keeps_originals" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interview_guides" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"study_id" uuid NOT NULL,
	"audience" text NOT NULL,
	"version" integer NOT NULL,
	"questions" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interview_transcripts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"study_id" uuid NOT NULL,
	"label" text NOT NULL,
	"audience" text NOT NULL,
	"interviewed_on" date,
	"format" text NOT NULL,
	"state" text NOT NULL,
	"original_text" text,
	"original_turns" jsonb,
	"proposals" jsonb,
	"text" text,
	"turns" jsonb,
	"replacements" jsonb,
	"deidentified_at" timestamp with time zone,
	"deidentified_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interview_codes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"study_id" uuid NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"definition" text,
	"when_to_use" text,
	"when_not_to_use" text,
	"example" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interview_codings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"transcript_id" uuid NOT NULL,
	"code_id" uuid NOT NULL,
	"coder_id" uuid NOT NULL,
	"start" integer NOT NULL,
	"end" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interview_memos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"study_id" uuid NOT NULL,
	"transcript_id" uuid,
	"code_id" uuid,
	"start" integer,
	"end" integer,
	"text" text NOT NULL,
	"author_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "interview_studies" ADD CONSTRAINT "interview_studies_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_studies" ADD CONSTRAINT "interview_studies_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_guides" ADD CONSTRAINT "interview_guides_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_guides" ADD CONSTRAINT "interview_guides_study_id_interview_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."interview_studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_guides" ADD CONSTRAINT "interview_guides_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_transcripts" ADD CONSTRAINT "interview_transcripts_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_transcripts" ADD CONSTRAINT "interview_transcripts_study_id_interview_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."interview_studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_transcripts" ADD CONSTRAINT "interview_transcripts_deidentified_by_people_id_fk" FOREIGN KEY ("deidentified_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_transcripts" ADD CONSTRAINT "interview_transcripts_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_codes" ADD CONSTRAINT "interview_codes_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_codes" ADD CONSTRAINT "interview_codes_study_id_interview_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."interview_studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_codes" ADD CONSTRAINT "interview_codes_parent_id_interview_codes_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."interview_codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_codes" ADD CONSTRAINT "interview_codes_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_codings" ADD CONSTRAINT "interview_codings_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_codings" ADD CONSTRAINT "interview_codings_transcript_id_interview_transcripts_id_fk" FOREIGN KEY ("transcript_id") REFERENCES "public"."interview_transcripts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_codings" ADD CONSTRAINT "interview_codings_code_id_interview_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."interview_codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_codings" ADD CONSTRAINT "interview_codings_coder_id_people_id_fk" FOREIGN KEY ("coder_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_memos" ADD CONSTRAINT "interview_memos_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_memos" ADD CONSTRAINT "interview_memos_study_id_interview_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."interview_studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_memos" ADD CONSTRAINT "interview_memos_transcript_id_interview_transcripts_id_fk" FOREIGN KEY ("transcript_id") REFERENCES "public"."interview_transcripts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_memos" ADD CONSTRAINT "interview_memos_code_id_interview_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."interview_codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_memos" ADD CONSTRAINT "interview_memos_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interview_studies_program_idx" ON "interview_studies" USING btree ("program_id");--> statement-breakpoint
CREATE UNIQUE INDEX "interview_guides_version_unique" ON "interview_guides" USING btree ("study_id","audience","version");--> statement-breakpoint
CREATE INDEX "interview_transcripts_study_idx" ON "interview_transcripts" USING btree ("study_id");--> statement-breakpoint
CREATE INDEX "interview_codes_study_idx" ON "interview_codes" USING btree ("study_id");--> statement-breakpoint
CREATE UNIQUE INDEX "interview_codings_unique" ON "interview_codings" USING btree ("transcript_id","coder_id","code_id","start","end");--> statement-breakpoint
CREATE INDEX "interview_codings_transcript_idx" ON "interview_codings" USING btree ("transcript_id");--> statement-breakpoint
CREATE INDEX "interview_memos_study_idx" ON "interview_memos" USING btree ("study_id");
