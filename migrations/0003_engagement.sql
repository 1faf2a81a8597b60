CREATE TABLE "ladder_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"pairing_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"step" text NOT NULL,
	"episode_started_at" timestamp with time zone NOT NULL,
	"fired_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"acted_by" uuid,
	"acted_at" timestamp with time zone,
	"outcome" text,
	"reached_participant" boolean,
	"reached_coach" boolean,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reason" text,
	"paused_until" date,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "time_zone" text DEFAULT 'America/New_York' NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "ladder" jsonb DEFAULT '{"firstContactDays":3,"reminderDays":7,"checkInGraceDays":7,"decisionGraceDays":21}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "preferred_days" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "not_before" text;--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "not_after" text;--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "contact_paused_until" date;--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "preferred_channel" text DEFAULT 'phone' NOT NULL;--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "preferred_times" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "preferred_days" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "not_before" text;--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "not_after" text;--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "contact_paused_until" date;--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "contact_notes" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "ladder_events" ADD CONSTRAINT "ladder_events_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ladder_events" ADD CONSTRAINT "ladder_events_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ladder_events" ADD CONSTRAINT "ladder_events_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ladder_events" ADD CONSTRAINT "ladder_events_acted_by_people_id_fk" FOREIGN KEY ("acted_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ladder_events_step_key" ON "ladder_events" USING btree ("pairing_id","step","episode_started_at");--> statement-breakpoint
CREATE INDEX "ladder_events_program_idx" ON "ladder_events" USING btree ("program_id","fired_at");--> statement-breakpoint
CREATE INDEX "contacts_program_time_idx" ON "contacts" USING btree ("program_id","occurred_at");