CREATE TABLE "interview_audio" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"study_id" uuid NOT NULL,
	"transcript_id" uuid NOT NULL,
	"state" text NOT NULL,
	"filename" text NOT NULL,
	"kind" text NOT NULL,
	"byte_size" bigint NOT NULL,
	"chunk_size" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interview_audio_chunks" (
	"audio_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "interview_audio_chunks_audio_id_seq_pk" PRIMARY KEY("audio_id","seq")
);
--> statement-breakpoint
ALTER TABLE "interview_audio" ADD CONSTRAINT "interview_audio_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_audio" ADD CONSTRAINT "interview_audio_study_id_interview_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."interview_studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_audio" ADD CONSTRAINT "interview_audio_transcript_id_interview_transcripts_id_fk" FOREIGN KEY ("transcript_id") REFERENCES "public"."interview_transcripts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_audio" ADD CONSTRAINT "interview_audio_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_audio_chunks" ADD CONSTRAINT "interview_audio_chunks_audio_id_interview_audio_id_fk" FOREIGN KEY ("audio_id") REFERENCES "public"."interview_audio"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "interview_audio_transcript_unique" ON "interview_audio" USING btree ("transcript_id");--> statement-breakpoint
CREATE INDEX "interview_audio_study_idx" ON "interview_audio" USING btree ("study_id");--> statement-breakpoint
-- Recordings are compressed already (MP3, AAC, Opus): store the chunks out of line without trying to compress them again.
ALTER TABLE "interview_audio_chunks" ALTER COLUMN "data" SET STORAGE EXTERNAL;