namespace GutSkin.Web.Features.Articles;

/// <summary>The article a fresh site starts with: inserted at start-up when there is no article at all, then editable like any other.</summary>
public static class StarterArticle
{
    public const string Slug = "the-gut-skin-axis";

    public const string Title = "The gut–skin axis: what it is, what is known, and how to test it on yourself";

    public const string Excerpt =
        "Researchers increasingly describe a two-way link between the gut and the skin. Here is what that idea means, where the evidence is still thin, and how a daily journal can show whether it holds for you.";

    public static readonly IReadOnlyList<string> Tags = ["gut-skin-axis", "basics", "self-tracking"];

    public const string Markdown = """
        If you have ever noticed that your skin seems worse after a stretch of poor sleep, a course of
        antibiotics or a week of eating on the run, you are not alone. Many people sense that what
        happens in their gut shows up, sooner or later, on their skin. Researchers have a name for
        this idea: the **gut–skin axis**. This article explains what the term means, what the research
        does and does not say, and how GutSkin helps you check the idea against your own days rather
        than against someone else's story.

        GutSkin is not a medical service and this article is not medical advice. If a symptom worries
        you, or changes quickly, please see a doctor.

        ## What people mean by the gut–skin axis

        The gut and the skin have a lot in common. Both are large surfaces where the body meets the
        outside world. Both are home to dense communities of microbes: bacteria, fungi and viruses that
        live on us and in us, most of them harmlessly. Both are busy places for the immune system,
        which has to tell friend from foe all day long.

        The *gut–skin axis* is the idea that these two surfaces talk to each other. The conversation
        is thought to run through the immune system, through substances that gut microbes make and
        that reach the bloodstream, through hormones, and through the nervous system. When the balance
        of microbes in the gut shifts (researchers call a lasting, unfavourable shift *dysbiosis*), the
        signals that reach the skin may change too.

        Review papers describe several routes that researchers are studying:

        - **Immune signalling.** Much of the body's immune tissue sits along the gut. Signals that start
          there may influence inflammation elsewhere, including the skin.
        - **Microbial products.** Gut bacteria break down fibre into short-chain fatty acids and make
          many other compounds. Some of these reach the circulation and may affect how immune cells
          behave.
        - **The gut barrier.** The lining of the gut normally keeps most of its contents where they
          belong. Researchers study whether a weaker barrier lets more microbial material through, and
          whether that matters for the skin.
        - **Stress and the brain.** Stress changes digestion and is linked with flares of several skin
          conditions, so some authors speak of a gut–brain–skin axis.

        ## What the research does and does not show

        Studies have found differences in gut microbes between groups of people with and without
        conditions such as acne, rosacea, atopic dermatitis (eczema) and psoriasis. Some people with
        digestive conditions also report skin problems more often than others do. These are interesting
        patterns, and they are the reason the gut–skin axis is taken seriously as a research topic.

        It is just as important to be clear about the limits:

        - **Most findings are associations.** A difference between groups does not show that the gut
          causes the skin problem. Both could share a cause, such as diet, stress, medication or
          genetics, or the skin condition could even influence the gut.
        - **Groups are not individuals.** An average difference across hundreds of people says little
          about whether *your* skin reacts to *your* gut.
        - **Trials are small and varied.** Studies of probiotics or dietary changes for skin conditions
          differ in the products used, the doses, the people included and the outcomes measured. Their
          results are mixed, and reviews usually call for larger and better designed trials.

        In short, the gut–skin axis is a plausible and actively studied idea, not a settled fact and
        not a treatment plan. Anyone who tells you that one capsule or one diet will clear your skin
        is claiming more than the research supports.

        ## Why a personal journal can help

        Because the evidence is about averages, the most useful question for you is a personal one:
        *in my own life, do my gut and my habits go together with my skin?* That question can be
        answered, at least in part, by careful observation over time.

        That is what GutSkin is for. Each day you note a few things in a minute or two:

        1. **Your skin**: redness, breakouts, dry or inflamed patches, itch, and any flare you track.
        2. **Your gut**: bloating, constipation, irregular digestion, stool form.
        3. **Your habits**: probiotics, fermented and prebiotic foods, sugary and processed foods,
           water, stress, sleep, antibiotics and illness, plus anything of your own you suspect, such
           as dairy or a new moisturiser.

        After a few weeks, the Insights page looks for habits and gut symptoms that go together with
        better or worse skin on the same day or a few days later. It reports each finding with an
        honest range of uncertainty, takes into account that skin and habits run in streaks, and
        corrects for the many comparisons it makes, so that chance patterns are less likely to be
        shown as findings.

        If you want to test one change, such as starting a probiotic or cutting down on sugar, an
        experiment compares a baseline period with an intervention period and tells you whether the
        difference is clear, unclear or too small to matter, and how many more days might settle it.

        ## A few habits that make your own data more trustworthy

        - **Log at about the same time each day.** Skin changes through the day; a fixed time keeps
          your scores comparable.
        - **Leave things blank when you did not notice them.** In GutSkin, a missing value is not a
          zero, and honest gaps are better than guesses.
        - **Change one thing at a time.** If you start a probiotic, a new cleanser and a new diet in
          the same week, no analysis can tell which one mattered.
        - **Give changes time.** Many changes, if they help at all, take weeks rather than days to show.
        - **Remember that association is not proof.** A finding is a reason to look closer, ideally
          with your doctor, not a diagnosis.

        ## When to see a doctor

        Self-tracking is a complement to medical care, never a replacement. See a doctor if your skin
        changes suddenly, if a rash spreads, blisters or comes with fever, if digestive symptoms
        include blood, weight loss you cannot explain or pain that wakes you at night, or simply if you
        are worried. A journal you can show them, with dates and numbers, often makes that conversation
        more useful.

        ## Sources

        These review articles are good starting points if you want to read further:

        - Salem I, Ramser A, Isham N, Ghannoum MA. The gut microbiome as a major regulator of the
          gut-skin axis. *Frontiers in Microbiology*. 2018;9:1459.
        - O'Neill CA, Monteleone G, McLaughlin JT, Paus R. The gut-skin axis in health and disease: a
          paradigm with therapeutic implications. *BioEssays*. 2016;38(11):1167–1176.
        - De Pessemier B, Grine L, Debaere M, Maes A, Paetzold B, Callewaert C. Gut–skin axis: current
          knowledge of the interrelationship between microbial dysbiosis and skin conditions.
          *Microorganisms*. 2021;9(2):353.
        - Bowe WP, Logan AC. Acne vulgaris, probiotics and the gut-brain-skin axis: back to the future?
          *Gut Pathogens*. 2011;3:1.
        """;
}
