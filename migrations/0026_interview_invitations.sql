CREATE TABLE "interview_consent_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"study_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD COLUMN "invited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD COLUMN "invited_by" uuid;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD COLUMN "invited_via" text;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD COLUMN "consent_document_id" uuid;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD COLUMN "consent_method" text;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD COLUMN "consent_typed_name" text;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD COLUMN "consents_to_recording" boolean;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD COLUMN "consented_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD COLUMN "consent_recorded_by" uuid;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD COLUMN "declined_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD COLUMN "decline_recorded_by" uuid;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD COLUMN "interview_starts_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD COLUMN "interview_duration_minutes" integer;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD COLUMN "interview_modality" text;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD COLUMN "interview_place" text;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD COLUMN "interview_video_link" text;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD COLUMN "interview_sequence" integer;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD COLUMN "scheduled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD COLUMN "scheduled_by" uuid;--> statement-breakpoint
ALTER TABLE "interview_consent_documents" ADD CONSTRAINT "interview_consent_documents_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_consent_documents" ADD CONSTRAINT "interview_consent_documents_study_id_interview_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."interview_studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_consent_documents" ADD CONSTRAINT "interview_consent_documents_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "interview_consent_documents_unique" ON "interview_consent_documents" USING btree ("study_id","version");--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD CONSTRAINT "interview_sample_members_invited_by_people_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD CONSTRAINT "interview_sample_members_consent_document_id_interview_consent_documents_id_fk" FOREIGN KEY ("consent_document_id") REFERENCES "public"."interview_consent_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD CONSTRAINT "interview_sample_members_consent_recorded_by_people_id_fk" FOREIGN KEY ("consent_recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD CONSTRAINT "interview_sample_members_decline_recorded_by_people_id_fk" FOREIGN KEY ("decline_recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_sample_members" ADD CONSTRAINT "interview_sample_members_scheduled_by_people_id_fk" FOREIGN KEY ("scheduled_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;