package io.agentkeel.memory;

import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.MemoryRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A generated retrieval set: for each of two owners, 50 facts told long ago (older than almost
 * every other memory), each with a question that paraphrases it with few shared words, among 550
 * recent distractors (small talk, events, and facts on neighbouring topics). 1,200 memories and 100
 * queries with one known relevant memory each.
 */
final class RetrievalSet {

  /** A fact and a question about it that shares few words with it. */
  record Pair(String fact, String question) {}

  /** A query with the id of its relevant memory. */
  record Query(MemoryOwner owner, String text, String relevantId) {}

  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  // {0} and {1} are filled with values chosen per owner.
  private static final String[][] PAIRS = {
    {"My sister {0} relocated to {1} last spring.", "Which city does my sibling live in now?"},
    {"I am allergic to {0}, it makes my throat swell.", "Which foods am I allergic to?"},
    {"Our wedding anniversary falls on {0}.", "When did we get married?"},
    {"I drive a {0} that I bought second-hand.", "What car do I own?"},
    {"My dog is called {0} and she is a {1}.", "What is my dog's name?"},
    {"I work as a {0} at a hospital downtown.", "What is my role at the hospital?"},
    {"My favourite author is {0}.", "Which writer do I like reading most?"},
    {"I take the {0} train to the office every morning.", "Which train do I catch for work?"},
    {"The wifi password at the cabin is {0}.", "What is the internet login at the cabin?"},
    {"My son {0} plays the {1} in the school band.", "Which instrument does my kid practise?"},
    {"I prefer my coffee with oat milk and no sugar.", "How do I like my coffee?"},
    {"I was born in {1}, a small town by the coast.", "Where was I born?"},
    {"My blood type is {0}.", "What should a doctor know about my blood for a transfusion?"},
    {"I am training for a marathon in {1} in October.", "Which race am I preparing to run?"},
    {"My landlord {0} raises the rent every January.", "Who owns the flat I rent?"},
    {"I hate flying, so I always book trains when I can.", "Do I prefer trains or planes?"},
    {"My manager's name is {0}.", "Who is my boss?"},
    {"I speak {0} fluently because of my grandmother.", "Which foreign language do I know well?"},
    {"I keep the spare house key under the blue flowerpot.", "Where is the extra key hidden?"},
    {"I switched my phone plan to {0} to save money.", "Which phone company am I with?"},
    {"My daughter is lactose intolerant.", "Does anyone in my family have a dairy problem?"},
    {"I volunteer at the animal shelter on Saturdays.", "What do I do on weekends to help others?"},
    {"My favourite dish is {0}.", "What is my favourite food?"},
    {"I broke my left wrist skiing in {1}.", "Have I ever had a fracture?"},
    {"My bank is {0} and I have banked there for ten years.", "Which bank holds my money?"},
    {"I am a vegetarian and never eat meat.", "Do I eat animal products?"},
    {"My gym membership renews on the first of every month.", "When does my gym charge me?"},
    {"I support {0} and watch every match.", "Which football club am I a fan of?"},
    {"My partner {0} is a software engineer.", "What does my spouse do for a living?"},
    {"I studied chemistry at the university of {1}.", "What subject did I study?"},
    {"I am afraid of spiders.", "Do I have any phobias?"},
    {"My grandmother's birthday is on {0}.", "When should I call granny to celebrate?"},
    {"I planted tomatoes and basil in the garden this year.", "What vegetables am I growing?"},
    {"My dentist appointment is every six months with Dr {0}.", "Who looks after my teeth?"},
    {"I wear size 44 shoes.", "What size footwear should you buy me?"},
    {"My insurance policy number is {0}.", "What is my insurance reference?"},
    {"I play chess online most evenings.", "What game do I play at night?"},
    {"I do not drink alcohol at all.", "Would I want wine with dinner?"},
    {
      "My email newsletter about {0} goes out on Fridays.", "Which day does my newsletter get sent?"
    },
    {"I learned to sail on the lake near {1}.", "Where did I pick up boating?"},
    {"My cat {0} needs thyroid pills twice a day.", "What medicine does my kitty take?"},
    {"I'm saving up for a house deposit.", "What big purchase am I putting money aside for?"},
    {"I meditate for twenty minutes after waking up.", "When do I meditate?"},
    {"My brother {0} is a pilot for a cargo airline.", "What does my brother do for work?"},
    {"I get migraines when I skip meals.", "What triggers my headaches?"},
    {"My flat is on the fourth floor with no lift.", "How many stairs do I climb to get home?"},
    {"I collect vinyl records from the seventies.", "What do I collect?"},
    {"My child's school is {1} Primary.", "Where does my kid go to class?"},
    {"I'm left-handed.", "Which hand do I write with?"},
    {"My passport expires in {0}.", "When do I need to renew my travel document?"},
  };

  private static final String[] NAMES = {
    "Clara", "Tomas", "Ingrid", "Mateo", "Aiko", "Priya", "Jonas", "Lena", "Omar", "Sofia"
  };
  private static final String[] PLACES = {
    "Lisbon",
    "Porto",
    "Valencia",
    "Gdansk",
    "Tallinn",
    "Bruges",
    "Galway",
    "Bergen",
    "Split",
    "Turin"
  };

  private static final String[] DISTRACTOR_TEMPLATES = {
    "Today I had a {0} for lunch at the office canteen.",
    "It rained all afternoon in {1}, so I stayed in.",
    "I watched a documentary about {0} last night.",
    "{2} called me about the quarterly report.",
    "Reminder: pick up the dry cleaning on {3}.",
    "The meeting with {2} about the budget was moved to {3}.",
    "I read an article on {0} during the commute.",
    "We ordered pizza and watched a film with {2}.",
    "I need to buy batteries and light bulbs this week.",
    "The weather forecast says sunshine in {1} on {3}.",
    "{2} recommended a podcast about {0}.",
    "I cleaned the kitchen and took out the recycling.",
    "My laptop battery drains too fast lately.",
    "I booked a table for two at an Italian place on {3}.",
    "Traffic on the ring road was terrible this morning.",
    "I finished reading a thriller set in {1}.",
    "{2} sent photos from their trip to {1}.",
    "I tried a new recipe with {0} and it turned out fine.",
    "The printer at work is out of toner again.",
    "I renewed the library books until {3}.",
    "Our team shipped the release on {3}.",
    "I went for a short walk around the park with {2}.",
    "The plumber is coming on {3} to fix the tap.",
    "I paid the electricity bill online.",
    "I am thinking about learning to bake bread.",
    "{2} asked whether I could help them move on {3}.",
    "We talked about {0} over coffee with {2}.",
    "The train to {1} was delayed by twenty minutes.",
    "I bought a new umbrella because the old one broke.",
    "I should call the bank about a strange charge.",
  };
  private static final String[] TOPICS = {
    "sushi", "volcanoes", "jazz", "electric cars", "octopuses", "ancient Rome", "climate policy",
    "tennis", "mushrooms", "space telescopes", "chess openings", "sourdough", "birds", "knitting"
  };
  private static final String[] DAYS = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "the 12th", "next week"
  };

  final List<MemoryRecord> memories = new ArrayList<>();
  final List<Query> queries = new ArrayList<>();

  static RetrievalSet generate(long seed) {
    RetrievalSet set = new RetrievalSet();
    Random random = new Random(seed);
    List<MemoryOwner> owners =
        List.of(new MemoryOwner("acme", "alice"), new MemoryOwner("acme", "bob"));
    for (MemoryOwner owner : owners) {
      for (int i = 0; i < PAIRS.length; i++) {
        String fact = fill(PAIRS[i][0], random);
        // Old: told 200 to 400 days ago, older than all but a few distractors.
        Instant at = NOW.minus(Duration.ofDays(200 + random.nextInt(200)));
        String id = owner.principal() + "-fact-" + i;
        set.memories.add(new MemoryRecord(id, owner, fact, Map.of("kind", "fact"), 0.5, at, at));
        set.queries.add(new Query(owner, PAIRS[i][1], id));
      }
      for (int i = 0; i < 550; i++) {
        String template = DISTRACTOR_TEMPLATES[random.nextInt(DISTRACTOR_TEMPLATES.length)];
        String text = fill(template, random);
        // Recent: most within 60 days; one in twenty older than the facts.
        int days = random.nextInt(20) == 0 ? 200 + random.nextInt(300) : random.nextInt(60);
        Instant at =
            NOW.minus(Duration.ofDays(days)).minus(Duration.ofMinutes(random.nextInt(1440)));
        set.memories.add(
            new MemoryRecord(
                owner.principal() + "-note-" + i,
                owner,
                text,
                Map.of("kind", "note"),
                0.5,
                at,
                at));
      }
    }
    return set;
  }

  private static String fill(String template, Random random) {
    return template
        .replace("{0}", pick(random, valuesFor(template)))
        .replace("{1}", pick(random, PLACES))
        .replace("{2}", pick(random, NAMES))
        .replace("{3}", pick(random, DAYS));
  }

  private static final Map<String, String> FACT_VALUES =
      Map.ofEntries(
          Map.entry("My sister {0} relocated", "NAMES"),
          Map.entry("I am allergic to {0}", "peanuts|shellfish|sesame|kiwi|penicillin"),
          Map.entry(
              "Our wedding anniversary falls on {0}", "March 3rd|June 14th|September 9th|May 21st"),
          Map.entry("I drive a {0} that", "Toyota Corolla|Volvo estate|Honda Civic|Skoda Octavia"),
          Map.entry("My dog is called {0}", "Bella|Luna|Daisy|Maple"),
          Map.entry("I work as a {0} at", "nurse|radiologist|pharmacist|physiotherapist"),
          Map.entry(
              "My favourite author is {0}",
              "Ursula Le Guin|Haruki Murakami|Toni Morrison|Italo Calvino"),
          Map.entry("I take the {0} train", "7:15|8:02|6:40|7:48"),
          Map.entry(
              "The wifi password at the cabin is {0}", "pinecone42|lakeside99|birch-7|mossy77"),
          Map.entry("My son {0} plays", "NAMES"),
          Map.entry("My blood type is {0}", "A positive|O negative|B positive|AB negative"),
          Map.entry("My landlord {0}", "NAMES"),
          Map.entry("My manager's name is {0}", "NAMES"),
          Map.entry("I speak {0} fluently", "Portuguese|Polish|Greek|Japanese"),
          Map.entry("I switched my phone plan to {0}", "Vodafone|Orange|Telia|O2"),
          Map.entry("My favourite dish is {0}", "ramen|lasagne|paella|moussaka"),
          Map.entry("My bank is {0} and", "ING|Santander|Nordea|Revolut"),
          Map.entry("I support {0} and watch", "Arsenal|Benfica|Celtic|Ajax"),
          Map.entry("My partner {0} is", "NAMES"),
          Map.entry(
              "My grandmother's birthday is on {0}",
              "April 2nd|July 30th|November 11th|January 5th"),
          Map.entry("with Dr {0}.", "Novak|Hughes|Okafor|Lindqvist"),
          Map.entry("My insurance policy number is {0}", "PX-44821|HQ-90317|ZT-11764|LM-50293"),
          Map.entry(
              "My email newsletter about {0}",
              "urban gardening|indie games|home finance|birdwatching"),
          Map.entry("My cat {0} needs", "Miso|Pepper|Tofu|Olive"),
          Map.entry("My brother {0} is a pilot", "NAMES"),
          Map.entry("My passport expires in {0}", "2027|2028|2029|2031"));

  private static String[] valuesFor(String template) {
    for (Map.Entry<String, String> entry : FACT_VALUES.entrySet()) {
      if (template.contains(entry.getKey())) {
        return entry.getValue().equals("NAMES") ? NAMES : entry.getValue().split("\\|");
      }
    }
    return TOPICS;
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
