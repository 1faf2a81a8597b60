CREATE TABLE "interview_consensus" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"transcript_id" uuid NOT NULL,
	"first_coder_id" uuid NOT NULL,
	"second_coder_id" uuid NOT NULL,
	"started_by" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interview_consensus_decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"consensus_id" uuid NOT NULL,
	"code_id" uuid NOT NULL,
	"start" integer NOT NULL,
	"end" integer NOT NULL,
	"keep" boolean NOT NULL,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interview_consensus_spans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"consensus_id" uuid NOT NULL,
	"code_id" uuid NOT NULL,
	"start" integer NOT NULL,
	"end" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "interview_consensus" ADD CONSTRAINT "interview_consensus_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_consensus" ADD CONSTRAINT "interview_consensus_transcript_id_interview_transcripts_id_fk" FOREIGN KEY ("transcript_id") REFERENCES "public"."interview_transcripts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_consensus" ADD CONSTRAINT "interview_consensus_first_coder_id_people_id_fk" FOREIGN KEY ("first_coder_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_consensus" ADD CONSTRAINT "interview_consensus_second_coder_id_people_id_fk" FOREIGN KEY ("second_coder_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_consensus" ADD CONSTRAINT "interview_consensus_started_by_people_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_consensus_decisions" ADD CONSTRAINT "interview_consensus_decisions_consensus_id_interview_consensus_id_fk" FOREIGN KEY ("consensus_id") REFERENCES "public"."interview_consensus"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_consensus_decisions" ADD CONSTRAINT "interview_consensus_decisions_code_id_interview_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."interview_codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_consensus_decisions" ADD CONSTRAINT "interview_consensus_decisions_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_consensus_spans" ADD CONSTRAINT "interview_consensus_spans_consensus_id_interview_consensus_id_fk" FOREIGN KEY ("consensus_id") REFERENCES "public"."interview_consensus"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_consensus_spans" ADD CONSTRAINT "interview_consensus_spans_code_id_interview_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."interview_codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "interview_consensus_transcript_unique" ON "interview_consensus" USING btree ("transcript_id");--> statement-breakpoint
CREATE UNIQUE INDEX "interview_consensus_decisions_unique" ON "interview_consensus_decisions" USING btree ("consensus_id","code_id","start","end");--> statement-breakpoint
CREATE INDEX "interview_consensus_spans_consensus_idx" ON "interview_consensus_spans" USING btree ("consensus_id");