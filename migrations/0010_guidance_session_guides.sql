CREATE TABLE "session_guides" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"client_key" text NOT NULL,
	"pain" integer,
	"mood" integer,
	"reviewed_plan_id" uuid,
	"plan_id" uuid,
	"suggested_topic" text,
	"derived_elements" jsonb NOT NULL,
	"confirmed_elements" jsonb NOT NULL,
	"next_contact_on" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "session_guides" ADD CONSTRAINT "session_guides_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_guides" ADD CONSTRAINT "session_guides_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_guides" ADD CONSTRAINT "session_guides_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_guides" ADD CONSTRAINT "session_guides_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_guides" ADD CONSTRAINT "session_guides_reviewed_plan_id_action_plans_id_fk" FOREIGN KEY ("reviewed_plan_id") REFERENCES "public"."action_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_guides" ADD CONSTRAINT "session_guides_plan_id_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."action_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_guides" ADD CONSTRAINT "session_guides_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "session_guides_client_key" ON "session_guides" USING btree ("program_id","client_key");--> statement-breakpoint
CREATE INDEX "session_guides_participant_idx" ON "session_guides" USING btree ("participant_id","created_at");