class BankError(Exception):
    pass

class InsufficientFunds(BankError):
    def __init__(self, balance, amount):
        super().__init__(f"cannot withdraw {amount:.2f}; balance is {balance:.2f}")
        self.balance = balance
        self.amount = amount

class FrozenAccount(BankError):
    """Account is frozen."""

class Account:
    interest = 0.02
    _next_id = 1
    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance
        self.id = Account._next_id
        Account._next_id += 1
        self.frozen = False
        self.history = []
    @property
    def balance(self):
        return self._balance
    @balance.setter
    def balance(self, v):
        if v < 0:
            raise ValueError("negative balance")
        self._balance = v
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError(f"invalid amount: {amount}")
        self._balance += amount
        self.history.append(("deposit", amount))
        return self
    def withdraw(self, amount):
        if self.frozen:
            raise FrozenAccount()
        if amount > self._balance:
            raise InsufficientFunds(self._balance, amount)
        self._balance -= amount
        self.history.append(("withdraw", amount))
    @classmethod
    def from_string(cls, s):
        owner, bal = s.split(":")
        return cls(owner.strip(), float(bal))
    @staticmethod
    def fmt(x):
        return f"${x:,.2f}"
    def __repr__(self):
        return f"{type(self).__name__}(owner={self.owner!r}, balance={self._balance})"

class Savings(Account):
    interest = 0.05
    def withdraw(self, amount):
        if amount > 1000:
            raise BankError("limit exceeded")
        super().withdraw(amount)

a = Account("ann", 100)
a.deposit(50).deposit(25)
print(a, a.balance, Account.fmt(1234567.891))
s = Savings.from_string("bob : 2000.5")
print(s, s.interest, Account.interest, s.id)
for acct, amt in [(a, 500), (s, 1500), (s, 100), (a, -1)]:
    try:
        acct.withdraw(amt) if amt > 0 else acct.deposit(amt)
    except InsufficientFunds as e:
        print("insufficient:", e, e.balance, e.amount)
    except BankError as e:
        print("bank error:", e, type(e).__mro__)
    except ValueError as e:
        print("value error:", e)
    else:
        print("ok", acct)
    finally:
        print("done", acct.owner)
a.frozen = True
try:
    a.withdraw(1)
except BankError as e:
    print(repr(e), str(e) == "", FrozenAccount.__doc__, isinstance(e, Exception))
try:
    a.balance = -5
except ValueError as e:
    print(e)
try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise BankError("wrapped") from e
except BankError as e:
    print(e, type(e.__cause__).__name__, e.__cause__)
print(a.history)
print(issubclass(InsufficientFunds, BankError), issubclass(Savings, Account), Savings.__bases__)
print(Savings.__mro__)
e = InsufficientFunds(1, 2)
print(e.args)
print(str(KeyError("k")), repr(KeyError("k")), str(ValueError()), repr(ValueError("a", 1)))
