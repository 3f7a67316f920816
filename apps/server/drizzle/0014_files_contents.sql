-- Photo contents live in the database beside their records (not in one instance's DATA_DIR/uploads): every
-- instance and every backup sees them. Existing files on disk are copied in at start (files module, importDiskFiles).
CREATE TABLE "file_contents" (
	"file_id" uuid PRIMARY KEY NOT NULL,
	"data" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "file_contents" ADD CONSTRAINT "file_contents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE cascade ON UPDATE no action;