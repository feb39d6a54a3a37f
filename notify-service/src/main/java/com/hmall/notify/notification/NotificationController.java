package com.hmall.notify.notification;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.hmall.payevents.PaymentNotice;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import lombok.RequiredArgsConstructor;

/**
 * The sync path into notify-service, and the user's inbox.
 * <p>
 * {@code POST /notifications} answers {@code 201 Created} with the new notification, or
 * {@code 200 OK} with the existing one when this {@code payOrderNo} was already notified (a retried
 * sync call, or the event got here first). Either way the user was told exactly once, so a caller
 * may treat both as success.
 */
@Tag(name = "Notifications", description = "Exactly one notification per payOrderNo, by the sync call or the event")
@RestController
@RequestMapping("/notifications")
@RequiredArgsConstructor
class NotificationController {

    private final NotificationService notificationService;

    @PostMapping
    @Operation(summary = "Notify the user of a payment (the sync path)")
    @ApiResponse(responseCode = "201", description = "Notified now")
    @ApiResponse(responseCode = "200", description = "Already notified for this payOrderNo: the existing notification")
    ResponseEntity<NotificationView> notifyPayment(@Valid @RequestBody PaymentNotice notice) {
        NotificationService.Recorded recorded = notificationService.notifyPayment(notice);
        HttpStatus status = recorded.created() ? HttpStatus.CREATED : HttpStatus.OK;
        return ResponseEntity.status(status).body(recorded.notification());
    }

    @GetMapping
    @Operation(summary = "List a user's notifications, newest first")
    List<NotificationView> findByUser(@RequestParam @Positive long userId) {
        return notificationService.findByUser(userId);
    }
}
