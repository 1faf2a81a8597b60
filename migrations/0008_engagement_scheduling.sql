CREATE TABLE "booster_attendance" (
	"booster_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	CONSTRAINT "booster_attendance_booster_id_coach_id_pk" PRIMARY KEY("booster_id","coach_id")
);
--> statement-breakpoint
CREATE TABLE "booster_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"topic" text NOT NULL,
	"attendance_recorded_at" timestamp with time zone,
	"attendance_recorded_by" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coach_check_ins" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"month" text NOT NULL,
	"peg_pain" integer NOT NULL,
	"peg_enjoyment" integer NOT NULL,
	"peg_activity" integer NOT NULL,
	"peg_score" real NOT NULL,
	"stress" integer NOT NULL,
	"feelings" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"followed_up_at" timestamp with time zone,
	"followed_up_by" uuid,
	"follow_up_note" text
);
--> statement-breakpoint
CREATE TABLE "coach_thanks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"message" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scheduled_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"pairing_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"modality" text NOT NULL,
	"video_link" text,
	"place" text,
	"status" text NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"scheduled_by" uuid NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scheduling_settings" (
	"program_id" uuid PRIMARY KEY NOT NULL,
	"video_room_template" text,
	"reminder_lead_hours" integer DEFAULT 24 NOT NULL,
	"text_reminders" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matching_settings" (
	"program_id" uuid PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "sms_opt_outs" (
	"phone_key" text PRIMARY KEY NOT NULL,
	"keyword" text NOT NULL,
	"opted_out_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "service_branch" text;--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "service_era" text;--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "town" text;--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "languages" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "birth_year" integer;--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "town" text;--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "languages" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD COLUMN "channel" text DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD COLUMN "attachments" jsonb;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD COLUMN "provider_ref" text;--> statement-breakpoint
ALTER TABLE "booster_attendance" ADD CONSTRAINT "booster_attendance_booster_id_booster_sessions_id_fk" FOREIGN KEY ("booster_id") REFERENCES "public"."booster_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booster_attendance" ADD CONSTRAINT "booster_attendance_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booster_attendance" ADD CONSTRAINT "booster_attendance_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booster_sessions" ADD CONSTRAINT "booster_sessions_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booster_sessions" ADD CONSTRAINT "booster_sessions_attendance_recorded_by_people_id_fk" FOREIGN KEY ("attendance_recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booster_sessions" ADD CONSTRAINT "booster_sessions_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_check_ins" ADD CONSTRAINT "coach_check_ins_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_check_ins" ADD CONSTRAINT "coach_check_ins_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_check_ins" ADD CONSTRAINT "coach_check_ins_followed_up_by_people_id_fk" FOREIGN KEY ("followed_up_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_thanks" ADD CONSTRAINT "coach_thanks_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_thanks" ADD CONSTRAINT "coach_thanks_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_thanks" ADD CONSTRAINT "coach_thanks_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_sessions" ADD CONSTRAINT "scheduled_sessions_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_sessions" ADD CONSTRAINT "scheduled_sessions_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_sessions" ADD CONSTRAINT "scheduled_sessions_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_sessions" ADD CONSTRAINT "scheduled_sessions_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_sessions" ADD CONSTRAINT "scheduled_sessions_scheduled_by_people_id_fk" FOREIGN KEY ("scheduled_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduling_settings" ADD CONSTRAINT "scheduling_settings_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_settings" ADD CONSTRAINT "matching_settings_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_settings" ADD CONSTRAINT "matching_settings_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booster_attendance_coach_idx" ON "booster_attendance" USING btree ("coach_id");--> statement-breakpoint
CREATE INDEX "booster_sessions_program_idx" ON "booster_sessions" USING btree ("program_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "coach_check_ins_coach_month" ON "coach_check_ins" USING btree ("coach_id","month");--> statement-breakpoint
CREATE INDEX "coach_check_ins_program_idx" ON "coach_check_ins" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "coach_thanks_coach_idx" ON "coach_thanks" USING btree ("coach_id","created_at");--> statement-breakpoint
CREATE INDEX "scheduled_sessions_pairing_idx" ON "scheduled_sessions" USING btree ("pairing_id","starts_at");--> statement-breakpoint
CREATE INDEX "scheduled_sessions_due_idx" ON "scheduled_sessions" USING btree ("starts_at") WHERE status = 'scheduled';--> statement-breakpoint
CREATE INDEX "mail_due_idx" ON "mail_messages" USING btree ("channel","state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "mail_program_idx" ON "mail_messages" USING btree ("program_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mail_idempotency_idx" ON "mail_messages" USING btree ("channel","idempotency_key");