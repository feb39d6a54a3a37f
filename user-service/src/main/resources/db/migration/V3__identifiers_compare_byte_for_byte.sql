-- Identifiers compare byte for byte. Under the default collations 'jack' and 'Jack' were one
-- username, and under any PAD SPACE collation (utf8mb4_bin included) 'X' and 'X ' were one pay
-- order: a deduction for 'X ' answered as the repeat of 'X' and deducted nothing. VARBINARY has no
-- case folding and no padding, on MySQL and MariaDB alike; 256 bytes hold any 64 characters.
ALTER TABLE deduction MODIFY pay_order_no VARBINARY(256) NOT NULL;
-- Usernames are letters, digits, '_', '.' and '-' only, so a binary collation is enough here.
ALTER TABLE user MODIFY username VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
