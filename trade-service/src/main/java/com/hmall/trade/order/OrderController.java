package com.hmall.trade.order;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import lombok.RequiredArgsConstructor;

@RestController
@RequestMapping("/orders")
@RequiredArgsConstructor
class OrderController {

    private final OrderService orderService;

    @PostMapping
    ResponseEntity<OrderView> create(@Valid @RequestBody CreateOrderRequest request) {
        OrderView order = orderService.create(request);
        return ResponseEntity.created(URI.create("/orders/" + order.id())).body(order);
    }

    @GetMapping("/{id}")
    OrderView get(@PathVariable long id) {
        return orderService.get(id);
    }

    @PutMapping("/{id}/paid")
    OrderView markPaid(@PathVariable long id) {
        return orderService.markPaid(id);
    }

    @PutMapping("/{id}/unpaid")
    OrderView markUnpaid(@PathVariable long id) {
        return orderService.markUnpaid(id);
    }
}
