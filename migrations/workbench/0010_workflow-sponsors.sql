ALTER TABLE "catalog_item_versions" ADD COLUMN "workflow_id" text DEFAULT 'catalog-version' NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_item_versions" ADD COLUMN "workflow_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD COLUMN "granted_by" uuid;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_granted_by_staff_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;