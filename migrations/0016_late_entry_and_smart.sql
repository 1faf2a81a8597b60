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
ALTER TABLE "class_attendance" ADD CONSTRAINT "class_attendance_entered_late_by_people_id_fk" FOREIGN KEY ("entered_late_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;
