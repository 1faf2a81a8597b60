CREATE TABLE "text_check_in_prompts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"week" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"check_in_id" uuid,
	"answered_at" timestamp with time zone,
	"asked_again" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "text_check_in_day" text;--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "text_check_in_time" text;--> statement-breakpoint
ALTER TABLE "pain_check_ins" ADD COLUMN "source" text DEFAULT 'app' NOT NULL;--> statement-breakpoint
ALTER TABLE "text_check_in_prompts" ADD CONSTRAINT "text_check_in_prompts_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_check_in_prompts" ADD CONSTRAINT "text_check_in_prompts_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_check_in_prompts" ADD CONSTRAINT "text_check_in_prompts_check_in_id_pain_check_ins_id_fk" FOREIGN KEY ("check_in_id") REFERENCES "public"."pain_check_ins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "text_check_in_prompts_participant_week" ON "text_check_in_prompts" USING btree ("participant_id","week");--> statement-breakpoint
CREATE INDEX "text_check_in_prompts_participant_sent" ON "text_check_in_prompts" USING btree ("participant_id","sent_at");