package com.hmall.user.balance;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.LongSupplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.baomidou.mybatisplus.core.conditions.update.LambdaUpdateWrapper;
import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;
import com.hmall.user.account.PayPasswordGuard;
import com.hmall.user.account.User;
import com.hmall.user.account.UserMapper;
import com.hmall.user.account.UserService;

import lombok.RequiredArgsConstructor;

/**
 * Deductions and refunds, each at most once per {@code payOrderNo}.
 *
 * <p>The methods are deliberately not {@code @Transactional} as a whole: a wrong pay password
 * fails the request, yet the failure it counted must be committed. Only the money moves in a
 * transaction, the balance update and the deduction record together.
 */
@Service
@RequiredArgsConstructor
public class BalanceService {

    private final UserService userService;
    private final UserMapper users;
    private final DeductionMapper deductions;
    private final PayPasswordGuard payPasswords;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public BalanceView deduct(long userId, DeductionRequest request) {
        User user = userService.find(userId);
        Deduction previous = findDeduction(request.payOrderNo());
        if (previous != null) {
            requireSameDeduction(previous, userId, request.amount());
            if (previous.getStatus() == DeductionStatus.APPLIED) {
                return new BalanceView(userId, user.getBalance());
            }
        }
        payPasswords.verify(user, request.password());
        try {
            long balance = transactions.execute(tx -> {
                // The withdrawal is the statement that takes the user's row lock: the lock every money
                // movement of a user takes first (see inMoneyTransaction), at no statement of its own.
                // Under it, for a hot payer, are only the record, the balance read and the commit.
                boolean covered = users.withdraw(userId, request.amount()) == 1;
                requireBeforeDeadline(request);
                if (!covered) {
                    throw new ApiException(ErrorCode.INSUFFICIENT_BALANCE,
                            "The balance of user " + userId + " is lower than " + request.amount() + " fen");
                }
                if (previous == null) {
                    deductions.insert(Deduction.applied(request.payOrderNo(), userId, request.amount(), now()));
                } else {
                    reapply(previous);
                }
                return currentBalance(userId);
            });
            return new BalanceView(userId, balance);
        } catch (DuplicateKeyException concurrentRepeat) {
            // A request for the same pay order committed first; ours rolled back and deducted nothing.
            return repeatOf(userId, request);
        }
    }

    public BalanceView refund(long userId, RefundRequest request) {
        userService.find(userId);
        Deduction deduction = findDeduction(request.payOrderNo());
        if (deduction == null || deduction.getUserId() != userId) {
            // Not quoted back: payOrderNo is any text the caller sent, and no deduction vouches for it.
            throw new ApiException(ErrorCode.NOT_FOUND, "User " + userId + " has no deduction for this pay order");
        }
        long deducted = deduction.getAmount();
        if (request.amount() > deducted) {
            throw ApiException.stateConflict("Cannot refund " + request.amount() + " fen: pay order "
                    + request.payOrderNo() + " deducted only " + deducted);
        }
        if (request.amount() < deducted) {
            throw ApiException.stateConflict("Partial refunds are not supported: pay order "
                    + request.payOrderNo() + " deducted " + deducted + " fen");
        }
        if (deduction.getStatus() == DeductionStatus.REFUNDED) {
            return new BalanceView(userId, currentBalance(userId));
        }
        long balance = inMoneyTransaction(userId, () -> {
            // Losing the race to a concurrent refund of the same deduction gives nothing back twice.
            if (transition(deduction, DeductionStatus.REFUNDED)) {
                users.deposit(userId, deducted);
            }
            return currentBalance(userId);
        });
        return new BalanceView(userId, balance);
    }

    /**
     * Runs {@code work} in one transaction that first takes the user's row lock. Without it, when
     * a deduction fails and rolls back, the concurrent duplicates of its pay order waiting on the
     * unique key would all wake at once and deadlock each other.
     */
    private long inMoneyTransaction(long userId, LongSupplier work) {
        return transactions.execute(tx -> {
            users.lockForUpdate(userId);
            return work.getAsLong();
        });
    }

    /** The user pays again a pay order whose earlier deduction was refunded by a compensation. */
    private void reapply(Deduction refunded) {
        if (!transition(refunded, DeductionStatus.APPLIED)) {
            // Same meaning as the unique key on insert: this pay order already has an applied deduction.
            throw new DuplicateKeyException("Pay order " + refunded.getPayOrderNo() + " was re-applied concurrently");
        }
    }

    private BalanceView repeatOf(long userId, DeductionRequest request) {
        Deduction winner = findDeduction(request.payOrderNo());
        requireSameDeduction(winner, userId, request.amount());
        if (winner.getStatus() != DeductionStatus.APPLIED) {
            throw ApiException.stateConflict("The deduction for pay order " + request.payOrderNo()
                    + " was refunded while this request ran");
        }
        return new BalanceView(userId, currentBalance(userId));
    }

    /**
     * Checked with the user's row lock held, right before the money moves: however long the request
     * waited for the lock, past its deadline it deducts nothing.
     */
    private void requireBeforeDeadline(DeductionRequest request) {
        if (request.deadline() != null && clock.instant().isAfter(request.deadline())) {
            throw ApiException.stateConflict("The deduction for pay order " + request.payOrderNo()
                    + " came after its deadline " + request.deadline() + "; nothing was deducted");
        }
    }

    /** A guarded status change: true only for the one request that moved the row. */
    private boolean transition(Deduction deduction, DeductionStatus target) {
        DeductionStatus current = deduction.getStatus();
        if (!current.canTransitionTo(target)) {
            throw ApiException.stateConflict("Deduction for pay order " + deduction.getPayOrderNo()
                    + " is " + current + " and cannot become " + target);
        }
        int updated = deductions.update(new LambdaUpdateWrapper<Deduction>()
                .set(Deduction::getStatus, target)
                .set(Deduction::getUpdateTime, now())
                .eq(Deduction::getId, deduction.getId())
                .eq(Deduction::getStatus, current));
        return updated == 1;
    }

    private static void requireSameDeduction(Deduction deduction, long userId, long amount) {
        if (!deduction.matches(userId, amount)) {
            throw ApiException.stateConflict("Pay order " + deduction.getPayOrderNo()
                    + " was already deducted for a different user or amount");
        }
    }

    private Deduction findDeduction(String payOrderNo) {
        return deductions.selectOne(new LambdaQueryWrapper<Deduction>().eq(Deduction::getPayOrderNo, payOrderNo));
    }

    private long currentBalance(long userId) {
        return userService.find(userId).getBalance();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
