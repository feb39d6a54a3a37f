-- The lesson's demo user: jack, pay password "123" (BCrypt, strength 10), 100 000 yuan.
INSERT INTO user (id, username, password_hash, balance)
VALUES (1, 'jack', '$2a$10$Xrs8SVWYZj614twYQnDH1OpNPVgdOFvLo4JGYmQFNOkhYGvHuZ4ua', 10000000);
