"""Modal forms, one per file. A form calls the services on OK; a validation error keeps it
open with the message next to the buttons and the field focused."""
