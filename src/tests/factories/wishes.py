import factory

from stadtgespraeche.wishes.enums import Phase
from stadtgespraeche.wishes.models import TopicWish, Vote, WishRound, WishSupport

from .accounts import UserFactory
from .network import DefaultSeriesFactory


class WishRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WishRound

    series = factory.SubFactory(DefaultSeriesFactory)
    title = factory.Sequence(lambda n: f"Themenwünsche {n + 1}")
    phase = Phase.COLLECT
    votes_per_member = 3


class TopicWishFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TopicWish

    round = factory.SubFactory(WishRoundFactory)
    title = factory.Sequence(lambda n: f"Themenwunsch {n + 1}")
    reason = "Bei uns steht die Entscheidung im Rat an."
    author = factory.SubFactory(UserFactory)
    submitted_by = factory.SelfAttribute("author")


class WishSupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WishSupport

    wish = factory.SubFactory(TopicWishFactory)
    user = factory.SubFactory(UserFactory)


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    wish = factory.SubFactory(TopicWishFactory)
    round = factory.SelfAttribute("wish.round")
    voter = factory.SubFactory(UserFactory)
    slot = 1
