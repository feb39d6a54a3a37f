package com.hmall.pay.payment;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import lombok.RequiredArgsConstructor;

@RestController
@RequestMapping("/pay-orders")
@RequiredArgsConstructor
class PayOrderController {

    private final PayOrderService payOrderService;
    private final PaymentService paymentService;

    /** 201 for a new pay order, 200 when this trade order already had one (the same one is returned). */
    @PostMapping
    ResponseEntity<PayOrderView> apply(@Valid @RequestBody PayOrderRequest request) {
        PayOrderService.Applied applied = payOrderService.apply(request);
        return ResponseEntity.status(applied.created() ? HttpStatus.CREATED : HttpStatus.OK).body(applied.payOrder());
    }

    @GetMapping("/{id}")
    PayOrderView get(@PathVariable long id) {
        return payOrderService.get(id);
    }

    @GetMapping("/biz/{bizOrderNo}")
    PayOrderView getByBizOrderNo(@PathVariable long bizOrderNo) {
        return payOrderService.getByBizOrderNo(bizOrderNo);
    }

    @PostMapping("/{id}/balance-payments")
    BalancePaymentResult payWithBalance(@PathVariable long id, @Valid @RequestBody BalancePaymentRequest request) {
        return paymentService.payWithBalance(id, request.password());
    }
}
