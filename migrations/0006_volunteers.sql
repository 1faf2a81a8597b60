CREATE TABLE "coach_agreements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"signed_name" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"person_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_attempts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"module_key" text NOT NULL,
	"module_version" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"correct" integer NOT NULL,
	"total" integer NOT NULL,
	"is_passed" boolean NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"person_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_applications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"gender" text NOT NULL,
	"pain_locations" jsonb NOT NULL,
	"about_me" text NOT NULL,
	"own_pain" text NOT NULL,
	"available_days" jsonb NOT NULL,
	"available_times" jsonb NOT NULL,
	"modalities" jsonb NOT NULL,
	"service_branch" text,
	"service_era" text,
	"background_check_consent" boolean,
	"state" text NOT NULL,
	"state_changed_at" timestamp with time zone NOT NULL,
	"screening" jsonb,
	"screening_note" text DEFAULT '' NOT NULL,
	"paused_until" date,
	"retired_reason" text,
	"coach_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_settings" (
	"program_id" uuid PRIMARY KEY NOT NULL,
	"asks_service_branch" boolean DEFAULT true NOT NULL,
	"asks_service_era" boolean DEFAULT true NOT NULL,
	"requires_background_check" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "volunteer_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "trained_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "agreement_signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "availability" jsonb;--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "service_branch" text;--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "service_era" text;--> statement-breakpoint
ALTER TABLE "coach_agreements" ADD CONSTRAINT "coach_agreements_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_agreements" ADD CONSTRAINT "coach_agreements_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_agreements" ADD CONSTRAINT "coach_agreements_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_applications" ADD CONSTRAINT "volunteer_applications_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_applications" ADD CONSTRAINT "volunteer_applications_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_settings" ADD CONSTRAINT "volunteer_settings_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_settings" ADD CONSTRAINT "volunteer_settings_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_steps" ADD CONSTRAINT "volunteer_steps_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_steps" ADD CONSTRAINT "volunteer_steps_application_id_volunteer_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."volunteer_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_steps" ADD CONSTRAINT "volunteer_steps_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coach_agreements_coach_idx" ON "coach_agreements" USING btree ("coach_id","signed_at");--> statement-breakpoint
CREATE INDEX "training_attempts_coach_idx" ON "training_attempts" USING btree ("coach_id","module_key");--> statement-breakpoint
CREATE INDEX "volunteer_applications_program_idx" ON "volunteer_applications" USING btree ("program_id","state");--> statement-breakpoint
CREATE INDEX "volunteer_applications_coach_idx" ON "volunteer_applications" USING btree ("coach_id");--> statement-breakpoint
CREATE INDEX "volunteer_steps_application_idx" ON "volunteer_steps" USING btree ("application_id","at");