CREATE TABLE "assessment_misses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"timepoint_key" text NOT NULL,
	"window_opened_at" timestamp with time zone NOT NULL,
	"window_closed_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessment_misses" ADD CONSTRAINT "assessment_misses_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_misses" ADD CONSTRAINT "assessment_misses_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_misses_unique" ON "assessment_misses" USING btree ("participant_id","timepoint_key");--> statement-breakpoint
CREATE INDEX "assessment_misses_program_idx" ON "assessment_misses" USING btree ("program_id","timepoint_key");