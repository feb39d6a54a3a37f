-- The pay order that paid an order is kept byte for byte, as every other service keeps it.
ALTER TABLE trade_order MODIFY pay_order_no VARBINARY(256) NULL;
