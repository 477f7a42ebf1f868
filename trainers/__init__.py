"""External trainers: the guide for those who teach in an ASF, trainer profiles (applied for by
the trainer, approved by the editors), their directory and the contact route to them. Sits above
companies and methods; nothing below imports it."""
