-- Records entered late (ADR 0030): who entered a paper record late, when and why.
ALTER TABLE "contacts" ADD COLUMN "entered_late_by" uuid;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "entered_late_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "late_reason" text;--> statement-breakpoint
ALTER TABLE "pairings" ADD COLUMN "entered_late_by" uuid;--> statement-breakpoint
ALTER TABLE "pairings" ADD COLUMN "entered_late_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pairings" ADD COLUMN "late_reason" text;--> statement-breakpoint
ALTER TABLE "class_attendance" ADD COLUMN "entered_late_by" uuid;--> statement-breakpoint
ALTER TABLE "class_attendance" ADD COLUMN "entered_late_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "class_attendance" ADD COLUMN "late_reason" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_entered_late_by_people_id_fk" FOREIGN KEY ("entered_late_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_entered_late_by_people_id_fk" FOREIGN KEY ("entered_late_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_attendance" ADD CONSTRAINT "class_attendance_entered_late_by_people_id_fk" FOREIGN KEY ("entered_late_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- SMART decisions (ADR 0030): one per participant and decision point.
CREATE TABLE "smart_decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"decision_point" text NOT NULL,
	"first_arm" text NOT NULL,
	"decision_at" timestamp with time zone NOT NULL,
	"responder" boolean NOT NULL,
	"conditions" jsonb NOT NULL,
	"option" text,
	"stratum" text,
	"sequence_number" integer,
	"decided_at" timestamp with time zone NOT NULL,
	"decided_by" uuid
);
--> statement-breakpoint
ALTER TABLE "smart_decisions" ADD CONSTRAINT "smart_decisions_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "smart_decisions" ADD CONSTRAINT "smart_decisions_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "smart_decisions" ADD CONSTRAINT "smart_decisions_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "smart_decisions_participant_unique" ON "smart_decisions" USING btree ("program_id","participant_id","decision_point");--> statement-breakpoint
CREATE UNIQUE INDEX "smart_decisions_sequence_unique" ON "smart_decisions" USING btree ("program_id","decision_point","stratum","sequence_number");--> statement-breakpoint
CREATE INDEX "smart_decisions_program_idx" ON "smart_decisions" USING btree ("program_id","decision_point");
