CREATE TABLE "interview_study_members" (
	"study_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"role" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	"added_by" uuid,
	CONSTRAINT "interview_study_members_study_id_person_id_pk" PRIMARY KEY("study_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "interview_study_members" ADD CONSTRAINT "interview_study_members_study_id_interview_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."interview_studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_study_members" ADD CONSTRAINT "interview_study_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_study_members" ADD CONSTRAINT "interview_study_members_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_study_members" ADD CONSTRAINT "interview_study_members_added_by_people_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interview_study_members_person_idx" ON "interview_study_members" USING btree ("person_id");--> statement-breakpoint
-- One-time backfill (ADR 0052): each study's creator leads it; whoever coded in it and still holds
-- a staff or evaluator role in its program is a coder; every other coordinator, admin and evaluator
-- of the program, who could read the study before, is a reader. Nobody loses access on upgrade;
-- leads then trim their teams.
INSERT INTO "interview_study_members" ("study_id", "person_id", "program_id", "role", "added_at", "added_by")
SELECT s."id", s."created_by", s."program_id", 'lead', now(), NULL::uuid FROM "interview_studies" s;--> statement-breakpoint
INSERT INTO "interview_study_members" ("study_id", "person_id", "program_id", "role", "added_at", "added_by")
SELECT DISTINCT t."study_id", c."coder_id", s."program_id", 'coder', now(), NULL::uuid
FROM "interview_codings" c
JOIN "interview_transcripts" t ON t."id" = c."transcript_id"
JOIN "interview_studies" s ON s."id" = t."study_id"
WHERE EXISTS (
  SELECT 1 FROM "role_grants" g
  WHERE g."person_id" = c."coder_id" AND g."program_id" = s."program_id" AND g."role" IN ('admin', 'coordinator', 'evaluator')
)
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "interview_study_members" ("study_id", "person_id", "program_id", "role", "added_at", "added_by")
SELECT DISTINCT s."id", g."person_id", s."program_id", 'reader', now(), NULL::uuid
FROM "interview_studies" s
JOIN "role_grants" g ON g."program_id" = s."program_id" AND g."role" IN ('admin', 'coordinator', 'evaluator')
ON CONFLICT DO NOTHING;
