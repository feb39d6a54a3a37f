package com.hmall.trade.order;

import static com.hmall.starter.web.ErrorCode.NOT_FOUND;
import static com.hmall.starter.web.ErrorCode.STATE_CONFLICT;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.hmall.starter.web.ProblemExample;
import com.hmall.starter.web.ProblemResponses;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import lombok.RequiredArgsConstructor;

@Tag(name = "Orders", description = "Trade orders: UNPAID, then PAID (or CLOSED)")
@RestController
@RequestMapping("/orders")
@RequiredArgsConstructor
class OrderController {

    private final OrderService orderService;

    @PostMapping
    @Operation(summary = "Create a trade order, UNPAID")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new order")
    ResponseEntity<OrderView> create(@Valid @RequestBody CreateOrderRequest request) {
        OrderView order = orderService.create(request);
        return ResponseEntity.created(URI.create("/orders/" + order.id())).body(order);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a trade order")
    @ProblemResponses(NOT_FOUND)
    @ProblemExample(code = NOT_FOUND, detail = "Order 1 does not exist")
    OrderView get(@PathVariable long id) {
        return orderService.get(id);
    }

    @PutMapping("/{id}/paid")
    @Operation(summary = "Mark a trade order paid (the sync path)",
            description = "Idempotent: an order already PAID stays as it is.")
    @ProblemResponses({ NOT_FOUND, STATE_CONFLICT })
    @ProblemExample(code = NOT_FOUND, detail = "Order 1 does not exist")
    @ProblemExample(code = STATE_CONFLICT, detail = "Order 1 is CLOSED and cannot become PAID")
    OrderView markPaid(@PathVariable long id) {
        return orderService.markPaid(id);
    }

    @PutMapping("/{id}/unpaid")
    @Operation(summary = "Put a paid trade order back to UNPAID (compensation)",
            description = "Undoes `/paid` for a sync payment that failed afterwards. Only PAID to UNPAID; "
                    + "idempotent.")
    @ProblemResponses({ NOT_FOUND, STATE_CONFLICT })
    @ProblemExample(code = NOT_FOUND, detail = "Order 1 does not exist")
    @ProblemExample(code = STATE_CONFLICT, detail = "Order 1 is CLOSED and cannot become UNPAID")
    OrderView markUnpaid(@PathVariable long id) {
        return orderService.markUnpaid(id);
    }
}
